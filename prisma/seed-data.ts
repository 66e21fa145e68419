// The demo organisation and its customers, as plain tables. prisma/seed.ts turns these into
// rows (with a seeded PRNG for the parts that are drawn, so every run gives the same data).
// All names, companies and domains are made up; every email domain ends in .example.

import type {
  Category,
  Channel,
  ConductStatus,
  Segment,
  Severity,
  SupportKind,
} from "~/domain/vocabulary";

export const EMAIL_DOMAIN = "demo.example";
/** The PRNG seed: change it to get a different (but again stable) demo. */
export const SEED = 20_260_101;

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

export type TeamKey = "SUPPORT" | "ACCOUNTS" | "SERVICES" | "BILLING" | "FIELD";

export const TEAMS: { key: TeamKey; name: string }[] = [
  { key: "SUPPORT", name: "Customer Support" },
  { key: "ACCOUNTS", name: "Account Management" },
  { key: "SERVICES", name: "Professional Services" },
  { key: "BILLING", name: "Billing" },
  { key: "FIELD", name: "Field Engineering" },
];

export type PersonSeed = {
  name: string;
  role: "EMPLOYEE" | "MANAGER" | "HR" | "LEADERSHIP" | "ADMIN";
  /** Defaults to firstname.lastname@demo.example. */
  email?: string;
  title: string;
  team?: TeamKey;
  /** Manages this team (Team.managerId). */
  manages?: TeamKey;
  /** The line manager, by name. */
  reportsTo?: string;
  onLeave?: boolean;
  inactive?: boolean;
  /** Works on exactly these accounts (by name) rather than on accounts drawn at random. */
  accounts?: string[];
  /** One of the well-known demo logins, with this label. */
  demoLogin?: string;
  /** Pages and mails in this language (English when not given). */
  language?: "en" | "ja" | "es";
};

const LEE = "Lee Harrington";
const DANIELA = "Daniela Ruiz";
const NADIA = "Nadia Osei";
const PRIYA = "Priya Raman";
const MORGAN = "Morgan Ellis";
const TOM = "Tom Achterberg";
const RAVI = "Ravi Chandran";
const GRACE = "Grace Mwangi";
const BRONWEN = "Bronwen Hughes";

// prettier-ignore
export const PEOPLE: PersonSeed[] = [
  // Leadership, HR, admin.
  { name: LEE, role: "LEADERSHIP", email: "lee.leadership@demo.example", title: "Chief Executive Officer", demoLogin: "Leadership" },
  { name: DANIELA, role: "LEADERSHIP", title: "Chief Revenue Officer", reportsTo: LEE },
  { name: NADIA, role: "HR", title: "Head of People", reportsTo: LEE },
  { name: "Harper Lindqvist", role: "HR", email: "harper.hr@demo.example", title: "HR Business Partner", reportsTo: NADIA, demoLogin: "HR" },
  { name: "Alex Moreno", role: "ADMIN", email: "alex.admin@demo.example", title: "Systems Administrator", reportsTo: LEE, demoLogin: "Admin" },
  { name: PRIYA, role: "MANAGER", title: "Head of Customer Operations", reportsTo: LEE },

  // Customer Support (Morgan's team; Sam is the demo employee).
  { name: MORGAN, role: "MANAGER", email: "morgan.manager@demo.example", title: "Customer Support Manager", team: "SUPPORT", manages: "SUPPORT", reportsTo: PRIYA, demoLogin: "Manager" },
  {
    name: "Sam Whitaker", role: "EMPLOYEE", email: "sam.employee@demo.example", title: "Senior Support Engineer", team: "SUPPORT", reportsTo: MORGAN, demoLogin: "Employee",
    accounts: ["Northwind Logistics", "Thornbury Veterinary Group", "Umbra Security Systems", "Tidewater Energy Partners", "Crestmoor Hotels & Resorts"],
  },
  { name: "Aisha Rahman", role: "EMPLOYEE", title: "Support Engineer", team: "SUPPORT", reportsTo: MORGAN },
  { name: "Jonah Fletcher", role: "EMPLOYEE", title: "Support Engineer", team: "SUPPORT", reportsTo: MORGAN },
  { name: "Mei Chow", role: "EMPLOYEE", title: "Support Engineer", team: "SUPPORT", reportsTo: MORGAN },
  { name: "Kwame Asante", role: "EMPLOYEE", title: "Support Team Lead", team: "SUPPORT", reportsTo: MORGAN },
  { name: "Olivia Brennan", role: "EMPLOYEE", title: "Support Engineer", team: "SUPPORT", reportsTo: MORGAN },
  { name: "Diego Alvarez", role: "EMPLOYEE", title: "Support Engineer", team: "SUPPORT", reportsTo: MORGAN, language: "es" },

  // Account Management.
  { name: TOM, role: "MANAGER", title: "Head of Account Management", team: "ACCOUNTS", manages: "ACCOUNTS", reportsTo: DANIELA },
  { name: "Charlotte Davies", role: "EMPLOYEE", title: "Strategic Account Director", team: "ACCOUNTS", reportsTo: TOM },
  { name: "Marcus Webb", role: "EMPLOYEE", title: "Account Director", team: "ACCOUNTS", reportsTo: TOM },
  { name: "Yuki Tanaka", role: "EMPLOYEE", title: "Account Manager", team: "ACCOUNTS", reportsTo: TOM, language: "ja" },
  { name: "Fatima Idrissi", role: "EMPLOYEE", title: "Account Manager", team: "ACCOUNTS", reportsTo: TOM },
  { name: "Ben Okafor", role: "EMPLOYEE", title: "Account Manager", team: "ACCOUNTS", reportsTo: TOM },
  { name: "Hannah Schultz", role: "EMPLOYEE", title: "Account Executive", team: "ACCOUNTS", reportsTo: TOM },

  // Professional Services.
  { name: RAVI, role: "MANAGER", title: "Professional Services Manager", team: "SERVICES", manages: "SERVICES", reportsTo: PRIYA },
  { name: "Ingrid Larsen", role: "EMPLOYEE", title: "Senior Consultant", team: "SERVICES", reportsTo: RAVI },
  { name: "Arjun Mehta", role: "EMPLOYEE", title: "Implementation Consultant", team: "SERVICES", reportsTo: RAVI },
  { name: "Chloe Martin", role: "EMPLOYEE", title: "Project Manager", team: "SERVICES", reportsTo: RAVI },
  { name: "Lukas Novak", role: "EMPLOYEE", title: "Solutions Architect", team: "SERVICES", reportsTo: RAVI },
  { name: "Tendai Moyo", role: "EMPLOYEE", title: "Implementation Consultant", team: "SERVICES", reportsTo: RAVI },
  { name: "Rosa Delgado", role: "EMPLOYEE", title: "Project Manager", team: "SERVICES", reportsTo: RAVI, onLeave: true, language: "es" },

  // Billing.
  { name: GRACE, role: "MANAGER", title: "Billing Manager", team: "BILLING", manages: "BILLING", reportsTo: DANIELA },
  { name: "Emily Carter", role: "EMPLOYEE", title: "Collections Specialist", team: "BILLING", reportsTo: GRACE },
  { name: "Hamza Qureshi", role: "EMPLOYEE", title: "Billing Analyst", team: "BILLING", reportsTo: GRACE },
  { name: "Sofia Rossi", role: "EMPLOYEE", title: "Collections Specialist", team: "BILLING", reportsTo: GRACE },
  { name: "Niamh O'Connor", role: "EMPLOYEE", title: "Billing Analyst", team: "BILLING", reportsTo: GRACE },
  { name: "Daniel Kim", role: "EMPLOYEE", title: "Billing Analyst", team: "BILLING", reportsTo: GRACE, inactive: true },

  // Field Engineering.
  { name: BRONWEN, role: "MANAGER", title: "Field Engineering Manager", team: "FIELD", manages: "FIELD", reportsTo: PRIYA },
  { name: "Connor Walsh", role: "EMPLOYEE", title: "Field Engineer", team: "FIELD", reportsTo: BRONWEN },
  { name: "Zainab Bello", role: "EMPLOYEE", title: "Senior Field Engineer", team: "FIELD", reportsTo: BRONWEN },
  { name: "Pawel Kowalski", role: "EMPLOYEE", title: "Field Engineer", team: "FIELD", reportsTo: BRONWEN },
  { name: "Erin MacLeod", role: "EMPLOYEE", title: "Field Engineer", team: "FIELD", reportsTo: BRONWEN },
  { name: "Mateo Silva", role: "EMPLOYEE", title: "Field Engineer", team: "FIELD", reportsTo: BRONWEN, language: "es" },
  { name: "Jasmine Patel", role: "EMPLOYEE", title: "Field Engineer", team: "FIELD", reportsTo: BRONWEN },
  // Joined last (so the others keep their employee ids); reads the portal in Japanese. Works on
  // no account of her own yet, so the seeded history stays as it was.
  { name: "Haruka Sato", role: "EMPLOYEE", title: "Support Engineer", team: "SUPPORT", reportsTo: MORGAN, language: "ja", accounts: [] },
];

// ---------------------------------------------------------------------------------------------
// Business calendar: England and Wales bank holidays (gov.uk), 2025–2027.
// ---------------------------------------------------------------------------------------------

export const CALENDAR = {
  name: "UK office",
  timeZone: "Europe/London",
  workingDays: "1,2,3,4,5",
  dayStart: "09:00",
  dayEnd: "17:00",
};

export const POLICY_NAME = "Standard (UK office)";

export const UK_BANK_HOLIDAYS: { date: string; name: string }[] = [
  { date: "2025-01-01", name: "New Year’s Day" },
  { date: "2025-04-18", name: "Good Friday" },
  { date: "2025-04-21", name: "Easter Monday" },
  { date: "2025-05-05", name: "Early May bank holiday" },
  { date: "2025-05-26", name: "Spring bank holiday" },
  { date: "2025-08-25", name: "Summer bank holiday" },
  { date: "2025-12-25", name: "Christmas Day" },
  { date: "2025-12-26", name: "Boxing Day" },
  { date: "2026-01-01", name: "New Year’s Day" },
  { date: "2026-04-03", name: "Good Friday" },
  { date: "2026-04-06", name: "Easter Monday" },
  { date: "2026-05-04", name: "Early May bank holiday" },
  { date: "2026-05-25", name: "Spring bank holiday" },
  { date: "2026-08-31", name: "Summer bank holiday" },
  { date: "2026-12-25", name: "Christmas Day" },
  { date: "2026-12-28", name: "Boxing Day (substitute day)" },
  { date: "2027-01-01", name: "New Year’s Day" },
  { date: "2027-03-26", name: "Good Friday" },
  { date: "2027-03-29", name: "Easter Monday" },
  { date: "2027-05-03", name: "Early May bank holiday" },
  { date: "2027-05-31", name: "Spring bank holiday" },
  { date: "2027-08-30", name: "Summer bank holiday" },
  { date: "2027-12-27", name: "Christmas Day (substitute day)" },
  { date: "2027-12-28", name: "Boxing Day (substitute day)" },
];

// ---------------------------------------------------------------------------------------------
// Customer accounts
// ---------------------------------------------------------------------------------------------

export type ContactSeed = { name: string; jobTitle: string };

/** Accounts with a story: many incidents from one or two people, and leadership involved. */
export type AccountProfile = {
  incidents: number;
  /** The repeat offenders; most of the account's incidents name one of them. */
  offenders: ContactSeed[];
  /** Share of the account's incidents that name an offender (default 0.7). */
  offenderShare?: number;
  /** All incidents fall within this many days (default: the whole 18 months). */
  withinDays?: number;
  conductStatus: ConductStatus;
  paymentStatus?: "CURRENT" | "LATE" | "IN_DISPUTE";
  daysOverdue?: number;
  needsReview?: boolean;
  renewalInDays?: number;
  /** Owner by name (an Account Management person). */
  owner?: string;
  /** Support engineers always on this account, by name. */
  supportTeam?: string[];
};

export type AccountSeed = {
  name: string;
  segment: Segment;
  /** How many reports; drawn by segment when absent (or from the profile). */
  incidents?: number;
  /** ARR in major units; drawn from the segment's range when absent. */
  arr?: number;
  currency?: "USD" | "GBP" | "EUR";
  profile?: AccountProfile;
};

/** Who owns accounts without a named owner, by segment (Account Management people). */
export const OWNERS_BY_SEGMENT: Record<Segment, string[]> = {
  ENTERPRISE: ["Charlotte Davies", "Marcus Webb", TOM],
  PUBLIC_SECTOR: ["Yuki Tanaka", "Fatima Idrissi"],
  MID_MARKET: ["Yuki Tanaka", "Fatima Idrissi", "Ben Okafor", "Marcus Webb"],
  SMB: ["Ben Okafor", "Hannah Schultz"],
};

/** ARR ranges (major units, log-uniform) for accounts without a fixed ARR. */
export const ARR_RANGES: Record<Segment, [number, number]> = {
  SMB: [8_000, 45_000],
  MID_MARKET: [45_000, 280_000],
  ENTERPRISE: [280_000, 950_000],
  PUBLIC_SECTOR: [90_000, 700_000],
};

/** How many incidents an ordinary account has over the 18 months, by segment (weights). */
// prettier-ignore
export const INCIDENTS_PER_ACCOUNT: Record<Segment, [number, number][]> = {
  SMB: [[0, 40], [1, 35], [2, 20], [3, 5]],
  MID_MARKET: [[0, 15], [1, 25], [2, 25], [3, 15], [4, 10], [6, 5], [8, 5]],
  PUBLIC_SECTOR: [[1, 20], [2, 20], [3, 20], [4, 20], [5, 10], [6, 10]],
  ENTERPRISE: [[2, 10], [3, 10], [5, 15], [7, 20], [9, 20], [11, 15], [14, 10]],
};

export const ACCOUNTS: AccountSeed[] = [
  // The four high-revenue accounts with a harassment problem.
  {
    name: "Brannock Industrial Holdings",
    segment: "ENTERPRISE",
    arr: 1_850_000,
    profile: {
      incidents: 30,
      offenders: [
        { name: "Gordon Pryce", jobTitle: "Chief Financial Officer" },
        { name: "Lydia Marsh", jobTitle: "VP Operations" },
      ],
      conductStatus: "CONDITIONS",
      paymentStatus: "IN_DISPUTE",
      daysOverdue: 64,
      needsReview: true,
      renewalInDays: 118,
      owner: "Charlotte Davies",
      supportTeam: ["Kwame Asante", "Diego Alvarez"],
    },
  },
  {
    name: "Castellan Health Systems",
    segment: "ENTERPRISE",
    arr: 2_400_000,
    profile: {
      incidents: 27,
      offenders: [{ name: "Victor Szabo", jobTitle: "Director of IT" }],
      conductStatus: "WATCH",
      renewalInDays: 290,
      owner: TOM,
      supportTeam: ["Aisha Rahman", "Olivia Brennan"],
    },
  },
  {
    name: "Oberon Freight & Logistics",
    segment: "ENTERPRISE",
    arr: 1_400_000,
    profile: {
      incidents: 23,
      offenders: [
        { name: "Craig Dunmore", jobTitle: "Head of Procurement" },
        { name: "Stacey Wren", jobTitle: "IT Operations Manager" },
      ],
      conductStatus: "CONDITIONS",
      paymentStatus: "LATE",
      daysOverdue: 38,
      renewalInDays: 205,
      owner: "Marcus Webb",
      supportTeam: ["Jonah Fletcher"],
    },
  },
  {
    name: "Vireo Retail Group",
    segment: "ENTERPRISE",
    arr: 1_150_000,
    currency: "GBP",
    profile: {
      incidents: 19,
      offenders: [{ name: "Rupert Vance", jobTitle: "Chief Digital Officer" }],
      conductStatus: "WATCH",
      needsReview: true,
      renewalInDays: 64,
      owner: "Charlotte Davies",
      supportTeam: ["Mei Chow"],
    },
  },
  // A small account where one person keeps coming back: flagged whatever its revenue.
  {
    name: "Pelham & Rowe Dental Group",
    segment: "SMB",
    arr: 14_500,
    currency: "GBP",
    profile: {
      incidents: 3,
      offenders: [{ name: "Clive Pelham", jobTitle: "Practice Owner" }],
      offenderShare: 1,
      withinDays: 150,
      conductStatus: "WATCH",
      needsReview: true,
      renewalInDays: 41,
      owner: "Hannah Schultz",
    },
  },
  // A big account that behaves well.
  {
    name: "Aldgate Mutual Insurance",
    segment: "ENTERPRISE",
    arr: 1_050_000,
    currency: "GBP",
    incidents: 1,
  },

  { name: "Helix Biologics", segment: "ENTERPRISE" },
  { name: "Silverline Telecom", segment: "ENTERPRISE" },
  { name: "Tidewater Energy Partners", segment: "ENTERPRISE" },
  { name: "Kingsbridge Capital Advisors", segment: "ENTERPRISE" },
  { name: "Marlowe Pharmaceuticals", segment: "ENTERPRISE", currency: "EUR" },
  { name: "Halvard Shipping AS", segment: "ENTERPRISE", currency: "EUR" },
  { name: "Crestmoor Hotels & Resorts", segment: "ENTERPRISE" },
  { name: "Ironvale Mining Corporation", segment: "ENTERPRISE" },
  { name: "Sunderland Media Group", segment: "ENTERPRISE", currency: "GBP" },
  { name: "Quantive Analytics", segment: "ENTERPRISE" },

  { name: "Northwind Logistics", segment: "MID_MARKET" },
  { name: "Brightwater Health Partners", segment: "MID_MARKET" },
  { name: "Calder & Finch Insurance", segment: "MID_MARKET", currency: "GBP" },
  { name: "Meridian Freight Group", segment: "MID_MARKET" },
  { name: "Pinecrest Hospitality", segment: "MID_MARKET" },
  { name: "Redfern Outdoor Retail", segment: "MID_MARKET" },
  { name: "Umbra Security Systems", segment: "MID_MARKET" },
  { name: "Vantage Point Media", segment: "MID_MARKET" },
  { name: "Yellowpine Foods", segment: "MID_MARKET" },
  { name: "Fernhill Property Management", segment: "MID_MARKET" },
  { name: "Gallant Engineering", segment: "MID_MARKET", currency: "GBP" },
  { name: "Harrow & Bell Solicitors", segment: "MID_MARKET", currency: "GBP" },
  { name: "Lumen Optics", segment: "MID_MARKET", currency: "EUR" },
  { name: "Orchard Lane Bakeries", segment: "MID_MARKET" },
  { name: "Polaris Fitness Clubs", segment: "MID_MARKET" },
  { name: "Saltmarsh Marine Services", segment: "MID_MARKET" },
  { name: "Thornbury Veterinary Group", segment: "MID_MARKET", currency: "GBP" },
  { name: "Wexford Building Supplies", segment: "MID_MARKET" },
  { name: "Cobalt Ridge Software", segment: "MID_MARKET" },
  { name: "Granite Peak Credit Union", segment: "MID_MARKET" },

  { name: "Ashgrove Florists", segment: "SMB" },
  { name: "Bluebell Childcare", segment: "SMB", currency: "GBP" },
  { name: "Copperkettle Cafés", segment: "SMB" },
  { name: "Driftwood Design Studio", segment: "SMB" },
  { name: "Elmstead Accountants", segment: "SMB", currency: "GBP" },
  { name: "Foxglove Travel", segment: "SMB" },
  { name: "Greenway Cycles", segment: "SMB" },
  { name: "Hollis Print & Sign", segment: "SMB" },
  { name: "Juniper Yoga Studios", segment: "SMB" },
  { name: "Kite & Anchor Brewing", segment: "SMB" },
  { name: "Larkspur Dental Lab", segment: "SMB" },
  { name: "Mossley Garden Centre", segment: "SMB", currency: "GBP" },
  { name: "Nettlebed Pet Supplies", segment: "SMB" },
  { name: "Quillon Translation Services", segment: "SMB", currency: "EUR" },
  { name: "Rookwood Architects", segment: "SMB" },
  { name: "Tamarind Kitchen Group", segment: "SMB" },
  { name: "Wildflower Events", segment: "SMB" },

  { name: "Oakridge County Council", segment: "PUBLIC_SECTOR", currency: "GBP" },
  { name: "Westbrook University", segment: "PUBLIC_SECTOR" },
  { name: "Riverside NHS Foundation Trust", segment: "PUBLIC_SECTOR", currency: "GBP" },
  { name: "Harbour City Transit Authority", segment: "PUBLIC_SECTOR" },
  { name: "State Department of Revenue Services", segment: "PUBLIC_SECTOR" },
  { name: "Eastvale Police & Fire Services", segment: "PUBLIC_SECTOR", currency: "GBP" },
  { name: "Lakeshore Community College", segment: "PUBLIC_SECTOR" },
  { name: "Northern Water Board", segment: "PUBLIC_SECTOR", currency: "GBP" },
];

// Names for the customers' people, combined by the PRNG.
// prettier-ignore
export const CONTACT_FIRST_NAMES = [
  "James", "Sarah", "Michael", "Laura", "David", "Emma", "Robert", "Sophie", "Richard", "Karen",
  "Andrew", "Priyanka", "Stephen", "Helen", "Mohammed", "Claire", "Paul", "Anita", "Mark", "Julia",
  "Kevin", "Rachel", "Simon", "Natalie", "Peter", "Joanne", "Chris", "Fiona", "Adrian", "Leila",
  "Graham", "Monique", "Hugo", "Deborah", "Oliver", "Ines", "Patrick", "Tanya", "Nathan", "Lucia",
];
// prettier-ignore
export const CONTACT_LAST_NAMES = [
  "Harper", "Bennett", "Lawson", "Fischer", "Okoro", "Gallagher", "Whitfield", "Sandoval",
  "Kaur", "Lindgren", "Morrison", "Abbott", "Castillo", "Drummond", "Ferreira", "Holt", "Jansen",
  "Keane", "Lombardi", "Matsuda", "Nakamura", "Ortega", "Pearce", "Quinn", "Reyes", "Stanton",
  "Thorne", "Underwood", "Villiers", "Wainwright", "Yilmaz", "Zimmerman", "Ashworth", "Brody",
];
// prettier-ignore
export const CONTACT_TITLES = [
  "IT Manager", "Head of Finance", "Procurement Manager", "Operations Director", "Project Sponsor",
  "Service Delivery Manager", "Chief Operating Officer", "Facilities Manager", "Head of Customer Experience",
  "Finance Director", "Systems Administrator", "Programme Manager", "Managing Director", "Accounts Payable Lead",
  "Head of Infrastructure", "Digital Transformation Lead",
];

// ---------------------------------------------------------------------------------------------
// What happened: report templates. {contact} is the full name, {first} the first name,
// {title} the job title, {topic} what the work was about, {days} days an invoice is overdue.
// ---------------------------------------------------------------------------------------------

export type Scenario = {
  severity: Severity;
  categories: Category[];
  channels: Channel[];
  /** Teams whose people typically meet this; anyone on the account otherwise. */
  teams?: TeamKey[];
  weight: number;
  narrative: string;
  impact?: string;
  support?: SupportKind[];
};

// prettier-ignore
export const TOPICS = [
  "the data migration", "the SSO rollout", "Tuesday's API outage", "the reporting dashboard",
  "their renewal quote", "the warehouse integration", "the go-live date", "the onboarding plan",
  "the storage upgrade", "an SLA credit", "the backup failures", "the user-licence true-up",
  "the mobile app release", "the network cut-over", "a data export request", "the Q3 invoice",
];

// prettier-ignore
export const SCENARIOS: Scenario[] = [
  // LOW: rude, but work went on.
  {
    severity: "LOW", categories: ["UNREASONABLE_DEMANDS"], channels: ["EMAIL"], weight: 6,
    narrative: "{contact} ({title}) emailed at 11 pm demanding a full written root-cause analysis of {topic} by 8 am, copying half of their leadership team, and called the delay “typical of your lot”. When I replied with a realistic date they said we were “just lazy”.",
  },
  {
    severity: "LOW", categories: ["VERBAL_ABUSE"], channels: ["PHONE"], weight: 7,
    narrative: "On a support call about {topic}, {contact} kept interrupting me, said I was “clearly reading from a script” and asked for “someone who actually knows something”. They hung up before I could finish explaining the fix.",
  },
  {
    severity: "LOW", categories: ["PAYMENT_PRESSURE"], channels: ["EMAIL"], teams: ["BILLING", "ACCOUNTS"], weight: 5,
    narrative: "{contact} replied to our reminder about the invoice that is {days} days overdue saying they would pay “when you people start doing your jobs”, and that I would personally be blamed if the renewal fell through.",
  },
  {
    severity: "LOW", categories: ["VERBAL_ABUSE"], channels: ["CHAT"], weight: 4,
    narrative: "In the shared Slack channel {contact} posted that our team were “a bunch of amateurs” and tagged me by name, in front of about thirty of their staff. The thread was about {topic}.",
  },
  {
    severity: "LOW", categories: ["UNREASONABLE_DEMANDS"], channels: ["VIDEO_CALL"], teams: ["SERVICES", "ACCOUNTS"], weight: 6,
    narrative: "During the weekly status call {contact} added three new requirements to {topic} that are outside the signed statement of work and said that if I didn’t agree on the spot they would “make sure everyone hears how useless you are”.",
  },
  {
    severity: "LOW", categories: ["OTHER"], channels: ["PHONE"], weight: 3,
    narrative: "{contact} rang my personal mobile twice on Saturday about {topic}, although I had explained that our support hours are Monday to Friday. They were short with me and said I should “be grateful to have a job”.",
  },
  {
    severity: "LOW", categories: ["UNREASONABLE_DEMANDS"], channels: ["EMAIL"], teams: ["SERVICES", "FIELD"], weight: 4,
    narrative: "{contact} rejected the acceptance test for {topic} for the third time, each time with a new criterion that was never in the specification, and wrote that I was “either incompetent or dishonest”.",
  },

  // MEDIUM: insulting, shouting, demeaning.
  {
    severity: "MEDIUM", categories: ["VERBAL_ABUSE"], channels: ["VIDEO_CALL"], weight: 8,
    narrative: "During the weekly status call the customer’s {title}, {contact}, shouted that the delay on {topic} was entirely my fault and called me “a useless idiot” in front of their whole project team. Nobody on their side stopped it. I ended the call early.",
    impact: "I felt humiliated in front of the customer’s team and couldn’t concentrate for the rest of the day.",
    support: ["MANAGER_ON_CALLS"],
  },
  {
    severity: "MEDIUM", categories: ["VERBAL_ABUSE", "INTIMIDATION"], channels: ["PHONE"], weight: 8,
    narrative: "{contact} phoned about {topic}, swore at me repeatedly and said they would “have my job” if it was not fixed today. I explained the escalation path twice; they kept shouting over me for about ten minutes.",
    impact: "I was shaken after the call and took a break before I could pick up the next one.",
    support: ["TALK_TO_HR"],
  },
  {
    severity: "MEDIUM", categories: ["INTIMIDATION"], channels: ["EMAIL"], weight: 5,
    narrative: "{contact} sent me a long email listing “every mistake you have made this year”, copied my manager and their procurement lead, and said they were keeping a file on me to send to our CEO. Most of the items were about {topic} and were not my decisions.",
  },
  {
    severity: "MEDIUM", categories: ["PAYMENT_PRESSURE", "VERBAL_ABUSE"], channels: ["VIDEO_CALL", "PHONE"], teams: ["BILLING", "ACCOUNTS"], weight: 6,
    narrative: "When I raised the invoice that is now {days} days overdue, {contact} said they would not pay “a single penny” until I personally apologised to their board for {topic}, and called me “a parasite”.",
    impact: "I dread the monthly collections call with this customer now.",
  },
  {
    severity: "MEDIUM", categories: ["UNREASONABLE_DEMANDS", "INTIMIDATION"], channels: ["PHONE"], teams: ["SERVICES", "ACCOUNTS"], weight: 5,
    narrative: "{contact} demanded free extra consultancy days for {topic} and said that if I didn’t approve them they would tell my boss I had promised them, which I had not. They said “it’s your word against mine, and we spend more than you earn”.",
    support: ["MANAGER_ON_CALLS"],
  },
  {
    severity: "MEDIUM", categories: ["VERBAL_ABUSE"], channels: ["CHAT"], teams: ["SUPPORT"], weight: 5,
    narrative: "Over the support chat {contact} wrote that I was “thick” and “a waste of oxygen”, and that they hoped I would be sacked. The ticket was about {topic} and had been open for less than an hour.",
  },
  {
    severity: "MEDIUM", categories: ["INTIMIDATION"], channels: ["IN_PERSON"], teams: ["FIELD", "SERVICES"], weight: 4,
    narrative: "At the customer’s office for {topic}, {contact} stood over my desk for most of the afternoon, commenting loudly to colleagues that I was “slow” and timing me on their phone.",
    impact: "I felt watched and intimidated the whole time I was on site.",
  },
  {
    severity: "MEDIUM", categories: ["VERBAL_ABUSE", "INTIMIDATION"], channels: ["VIDEO_CALL"], teams: ["ACCOUNTS", "SERVICES"], weight: 4,
    narrative: "In the quarterly business review {contact} mocked my slides on {topic}, talked over me every time I answered, and asked my manager in front of everyone whether I was “really the best you’ve got”.",
  },

  // HIGH: sustained abuse, sexual or discriminatory remarks.
  {
    severity: "HIGH", categories: ["DISCRIMINATORY_REMARKS"], channels: ["VIDEO_CALL"], weight: 4,
    narrative: "During the project call {contact} made fun of my accent, asked whether “someone who speaks proper English” could take over {topic}, and laughed when I carried on. They said it again at the end of the call.",
    impact: "I felt singled out because of where I am from. I don’t want to lead these calls alone any more.",
    support: ["MANAGER_ON_CALLS", "TALK_TO_HR"],
  },
  {
    severity: "HIGH", categories: ["SEXUAL_HARASSMENT"], channels: ["PHONE"], weight: 3,
    narrative: "{contact} called about {topic} and then started commenting on my appearance at our last on-site meeting, asked whether I was single and said they would “sign the renewal faster” if I came to dinner with them alone. I said no and they became hostile.",
    impact: "I feel uncomfortable being the contact for this account.",
    support: ["OFF_ACCOUNT", "TALK_TO_HR"],
  },
  {
    severity: "HIGH", categories: ["SEXUAL_HARASSMENT"], channels: ["EMAIL", "CHAT"], weight: 2,
    narrative: "{contact} sent me a message late at night with a comment about my body and a winking emoji, then asked me to “keep it between us”. This is the second message like this; the first was after the workshop on {topic}.",
    support: ["OFF_ACCOUNT", "TALK_TO_HR"],
  },
  {
    severity: "HIGH", categories: ["VERBAL_ABUSE", "INTIMIDATION"], channels: ["VIDEO_CALL"], weight: 5,
    narrative: "For more than twenty minutes on the escalation call about {topic}, {contact} screamed at me, called me “stupid”, “pathetic” and “a liar”, and said they would post about me by name on LinkedIn. Two of their colleagues were laughing.",
    impact: "I was in tears after the call and went home early.",
    support: ["TIME_OFF", "MANAGER_ON_CALLS"],
  },
  {
    severity: "HIGH", categories: ["DISCRIMINATORY_REMARKS"], channels: ["PHONE"], teams: ["FIELD", "SERVICES", "SUPPORT"], weight: 3,
    narrative: "{contact} asked to “speak to a man” about {topic} and, when I said I was the engineer responsible, said that women “don’t understand infrastructure”. They refused to continue the call with me.",
    support: ["TALK_TO_HR"],
  },
  {
    severity: "HIGH", categories: ["INTIMIDATION", "PAYMENT_PRESSURE"], channels: ["EMAIL"], teams: ["BILLING", "ACCOUNTS"], weight: 3,
    narrative: "{contact} wrote that unless I signed off a credit note for {topic} by Friday they would “make sure your company knows you are the reason we are leaving”, and forwarded my LinkedIn profile to their whole team.",
  },
  {
    severity: "HIGH", categories: ["INTIMIDATION", "VERBAL_ABUSE"], channels: ["IN_PERSON"], teams: ["FIELD", "SERVICES"], weight: 3,
    narrative: "During the site visit for {topic}, {contact} followed me into the corridor, blocked the way to the lift and shouted at me from very close for several minutes. A colleague of theirs eventually asked them to stop.",
    impact: "I am anxious about going back to this site.",
    support: ["MANAGER_ON_CALLS", "COUNSELLING"],
  },

  // CRITICAL: threats to safety, physical aggression.
  {
    severity: "CRITICAL", categories: ["THREATS"], channels: ["PHONE"], weight: 3,
    narrative: "{contact} said on the phone that they know where our office is and that “someone should teach you a lesson on your way home”. They repeated it when I asked what they meant. The call was about {topic}.",
    impact: "I am scared to leave the building alone.",
    support: ["TIME_OFF", "COUNSELLING", "TALK_TO_HR"],
  },
  {
    severity: "CRITICAL", categories: ["PHYSICAL_AGGRESSION", "THREATS"], channels: ["IN_PERSON"], teams: ["FIELD", "SERVICES"], weight: 2,
    narrative: "At the customer’s site {contact} grabbed my arm and pushed me against the server-room door while shouting about {topic}. Their facilities manager pulled them away. I left the site straight away.",
    impact: "My arm is bruised and I don’t feel safe going back.",
    support: ["TIME_OFF", "OFF_ACCOUNT", "COUNSELLING"],
  },
  {
    severity: "CRITICAL", categories: ["THREATS"], channels: ["VIDEO_CALL"], weight: 2,
    narrative: "On the call about {topic} {contact} said that “people like you end up getting hurt” and that they have “friends who would find you”, then left the call. The meeting was recorded.",
    support: ["TALK_TO_HR", "COUNSELLING"],
  },
  {
    severity: "CRITICAL", categories: ["PHYSICAL_AGGRESSION"], channels: ["IN_PERSON"], teams: ["FIELD", "ACCOUNTS", "SERVICES"], weight: 1,
    narrative: "{contact} threw a laptop charger at me across the meeting room during the review of {topic}. It hit my shoulder. They then told me to “get out before it’s something heavier”.",
    support: ["TIME_OFF", "COUNSELLING"],
  },
];

/** Severity mix: ordinary accounts, and the accounts with a repeat offender. */
export const SEVERITY_WEIGHTS: Record<"normal" | "hot", Record<Severity, number>> = {
  normal: { LOW: 42, MEDIUM: 37, HIGH: 17, CRITICAL: 4 },
  hot: { LOW: 22, MEDIUM: 40, HIGH: 29, CRITICAL: 9 },
};

// ---------------------------------------------------------------------------------------------
// Handling: notes, actions, outcomes, decisions.
// ---------------------------------------------------------------------------------------------

/** Private case notes; {reporter} is the reporter's first name. */
export const NOTES = [
  "Spoke to {reporter}; they are OK to stay on the account for now.",
  "Listened to the call recording. It matches the report.",
  "Asked the account owner for background. Kept the renewal figures out of this case.",
  "A colleague who was on the call confirms the shouting.",
  "Customer’s account sponsor informed in writing.",
  "{reporter} asked for a manager on the next call; agreed.",
  "Checked previous reports about this contact.",
  "Emailed the customer’s sponsor asking for a meeting.",
  "Follow-up with {reporter}: feeling better, wants to keep the account.",
  "Discussed with HR; no investigation needed beyond the facts on file.",
  "Reviewed the email thread; tone is hostile throughout.",
  "Customer has not replied yet; chased again.",
];

/** Updates the reporter sees on their timeline. */
export const REPORTER_UPDATES = [
  "We have raised this with the customer’s account sponsor and are waiting for their reply.",
  "Thanks for your patience, {reporter}. We have listened to the recording and are deciding next steps with HR.",
  "The customer has been told in writing that this behaviour is not acceptable. We will keep you posted.",
  "You will not be on calls with this contact alone while this is open.",
  "We are meeting the customer’s leadership this week about this and the earlier reports.",
];

export type ActionType = {
  catalogue: "SANCTION" | "PROTECTIVE";
  type: string;
  text: string;
  outcome: string;
};

// prettier-ignore
export const ACTIONS_BY_SEVERITY: Record<Severity, ActionType[]> = {
  LOW: [
    { catalogue: "SANCTION", type: "RECORD_FACTS", text: "Record the facts with the customer", outcome: "Facts sent to the customer’s sponsor; acknowledged." },
    { catalogue: "PROTECTIVE", type: "DEBRIEF", text: "Debrief with the employee", outcome: "Debrief held; nothing further needed." },
  ],
  MEDIUM: [
    { catalogue: "SANCTION", type: "RECORD_FACTS", text: "Record the facts with the customer", outcome: "Facts sent to the customer’s sponsor; acknowledged." },
    { catalogue: "PROTECTIVE", type: "MANAGER_JOINS_CALLS", text: "Manager joins all future calls", outcome: "Manager joined the next calls; tone has improved." },
    { catalogue: "PROTECTIVE", type: "DEBRIEF", text: "Debrief with the employee", outcome: "Debrief held." },
  ],
  HIGH: [
    { catalogue: "SANCTION", type: "WRITTEN_WARNING", text: "Written warning to the customer", outcome: "Warning sent by the account director; customer apologised in writing." },
    { catalogue: "PROTECTIVE", type: "MANAGER_JOINS_CALLS", text: "Manager joins all future calls", outcome: "In place for three months." },
    { catalogue: "PROTECTIVE", type: "COUNSELLING", text: "Counselling through the employee assistance programme", outcome: "Sessions booked." },
    { catalogue: "PROTECTIVE", type: "REMOVED_FROM_ACCOUNT", text: "Employee moved off the account (no quota or commission penalty)", outcome: "Account handed over; quota protected." },
  ],
  CRITICAL: [
    { catalogue: "SANCTION", type: "STOP_WORK", text: "Stop on-site work until the customer responds", outcome: "Work resumed remotely only." },
    { catalogue: "SANCTION", type: "LEGAL_OR_POLICE", text: "Refer to legal and, with the employee’s consent, the police", outcome: "Referred; legal sent a formal letter." },
    { catalogue: "PROTECTIVE", type: "TIME_OFF", text: "Paid time off for the employee", outcome: "Two days taken." },
    { catalogue: "PROTECTIVE", type: "COUNSELLING", text: "Counselling through the employee assistance programme", outcome: "Sessions booked." },
  ],
};

export const OUTCOME_WEIGHTS: [string, number][] = [
  ["SUBSTANTIATED", 40],
  ["PARTLY_SUBSTANTIATED", 20],
  ["NOT_SUBSTANTIATED", 9],
  ["RESOLVED_INFORMALLY", 23],
  ["WITHDRAWN", 8],
];

export type DecisionSeed = {
  account: string;
  daysAgo: number;
  decision: "KEEP" | "CONDITIONS" | "SUSPEND" | "END";
  decidedBy: string;
  approver: string;
  employeesConsulted: boolean;
  rationale: string;
  /** The account-level sanction that goes with it. */
  action?: { type: string; text: string; status: "DONE" | "IN_PROGRESS"; outcome?: string };
};

export const DECISIONS: DecisionSeed[] = [
  {
    account: "Brannock Industrial Holdings",
    daysAgo: 150,
    decision: "CONDITIONS",
    decidedBy: DANIELA,
    approver: LEE,
    employeesConsulted: true,
    rationale:
      "Repeated substantiated reports from the CFO and the VP Operations against five of our people. The account is worth $1.85M a year but we will not trade our staff’s safety for revenue. From today all contact with these two people is in writing through the ticket system, two of our staff join every call and calls are recorded. Reviewed in 90 days; another substantiated report means we do not renew.",
    action: {
      type: "CONDITIONS",
      text: "Conditions: writing only, two staff on calls, calls recorded",
      status: "DONE",
      outcome: "Conditions sent to the customer’s CEO and accepted in writing.",
    },
  },
  {
    account: "Castellan Health Systems",
    daysAgo: 100,
    decision: "KEEP",
    decidedBy: DANIELA,
    approver: LEE,
    employeesConsulted: false,
    rationale:
      "The customer’s COO apologised in writing and says the Director of IT has been spoken to. Keep the account, with a written warning on file and a manager on every call with him for three months.",
    action: {
      type: "WRITTEN_WARNING",
      text: "Written warning to the customer",
      status: "DONE",
      outcome: "Warning acknowledged by the COO.",
    },
  },
  {
    account: "Oberon Freight & Logistics",
    daysAgo: 48,
    decision: "CONDITIONS",
    decidedBy: LEE,
    approver: DANIELA,
    employeesConsulted: true,
    rationale:
      "Two contacts with repeated abuse, mostly tied to the disputed invoices. Requests only through the ticket system, no more phone calls with the Head of Procurement, and payment disputes handled by Billing management only.",
    action: {
      type: "CONDITIONS",
      text: "Conditions: requests through the ticket system only",
      status: "IN_PROGRESS",
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Recent reports, written out in full so the demo queues tell a clear story. `due` for reports
// still waiting for a manager: "overdue" (acknowledge deadline passed), "soon" (past the
// reminder), "later"; "handled": acknowledged and being worked on.
// ---------------------------------------------------------------------------------------------

export type OpenReportSeed = {
  reporter: string;
  account: string;
  /** A contact by name: an offender, or a contact created for this report. */
  contact: ContactSeed;
  severity: Severity;
  channel: Channel;
  categories: Category[];
  narrative: string;
  impact?: string;
  support?: SupportKind[];
  due: "overdue" | "soon" | "later" | "handled";
  /** For "later" and "handled": how long ago it was filed. */
  minutesAgo?: number;
};

export const OPEN_REPORTS: OpenReportSeed[] = [
  {
    reporter: "Sam Whitaker",
    account: "Umbra Security Systems",
    contact: { name: "Neil Forsythe", jobTitle: "Head of Security Operations" },
    severity: "HIGH",
    channel: "VIDEO_CALL",
    categories: ["DISCRIMINATORY_REMARKS"],
    narrative:
      "In the incident review call Neil Forsythe kept mispronouncing my name on purpose, asked whether I had “a proper name he could use”, and said people “from my background” should not be trusted with security work. Two of his team laughed. I carried on with the review but he repeated it when I disagreed with him.",
    impact: "I felt humiliated and singled out in front of his team.",
    support: ["TALK_TO_HR"],
    due: "handled",
    minutesAgo: 6 * 24 * 60,
  },
  {
    reporter: "Sam Whitaker",
    account: "Brannock Industrial Holdings",
    contact: { name: "Gordon Pryce", jobTitle: "Chief Financial Officer" },
    severity: "HIGH",
    channel: "VIDEO_CALL",
    categories: ["VERBAL_ABUSE", "INTIMIDATION"],
    narrative:
      "On the weekly status call Gordon Pryce said the outage last week was “sabotage by your incompetent support desk” and that I was “the worst engineer he has ever had the misfortune to deal with”. When I tried to walk through the timeline he told me to shut up and said he would make sure I was “gone by Christmas”. Lydia Marsh was on the call and laughed.",
    impact: "I don’t want to be on calls with him without my manager.",
    support: ["MANAGER_ON_CALLS"],
    due: "overdue",
  },
  {
    reporter: "Aisha Rahman",
    account: "Castellan Health Systems",
    contact: { name: "Victor Szabo", jobTitle: "Director of IT" },
    severity: "MEDIUM",
    channel: "PHONE",
    categories: ["VERBAL_ABUSE"],
    narrative:
      "Victor Szabo called about the slow login times and shouted that we were “a clown show”. He said that if I could not fix it while he waited he would “call your CEO and get you fired”. He hung up after about eight minutes.",
    due: "soon",
  },
  {
    reporter: "Jonah Fletcher",
    account: "Meridian Freight Group",
    contact: { name: "Dale Whitcombe", jobTitle: "Operations Director" },
    severity: "LOW",
    channel: "EMAIL",
    categories: ["UNREASONABLE_DEMANDS"],
    narrative:
      "Dale Whitcombe emailed demanding that we restore a report he deleted himself three months ago, by the end of today, and wrote that our team is “useless and lazy”. I explained our retention period; he replied that I was “making excuses”.",
    due: "later",
    minutesAgo: 5 * 60,
  },
  {
    reporter: "Sam Whitaker",
    account: "Northwind Logistics",
    contact: { name: "Tracy Holloway", jobTitle: "Service Delivery Manager" },
    severity: "MEDIUM",
    channel: "PHONE",
    categories: ["VERBAL_ABUSE", "UNREASONABLE_DEMANDS"],
    narrative:
      "Tracy Holloway rang about the failed overnight sync and shouted at me for about ten minutes. She said I was “thick” and that she wanted “someone senior, not a call-centre drone”. She also demanded a credit that is outside the contract.",
    due: "later",
    minutesAgo: 40,
  },
  {
    reporter: "Connor Walsh",
    account: "Ironvale Mining Corporation",
    contact: { name: "Shane Corrigan", jobTitle: "Site Manager" },
    severity: "MEDIUM",
    channel: "IN_PERSON",
    categories: ["INTIMIDATION"],
    narrative:
      "On site for the network cut-over, Shane Corrigan stood in the doorway of the comms room and wouldn’t let me leave until I had “fixed his mess”, shouting that he would have our contract cancelled. It lasted about five minutes.",
    due: "later",
    minutesAgo: 3 * 60,
  },
  {
    reporter: "Emily Carter",
    account: "Oberon Freight & Logistics",
    contact: { name: "Craig Dunmore", jobTitle: "Head of Procurement" },
    severity: "LOW",
    channel: "EMAIL",
    categories: ["PAYMENT_PRESSURE"],
    narrative:
      "Craig Dunmore replied to the overdue-invoice reminder by writing that he would “pay when I feel like it” and that I should “find a proper job”. He copied in four of his colleagues.",
    due: "later",
    minutesAgo: 90,
  },
];
