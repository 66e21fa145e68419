// The demo's well-known logins, printed by `npm run demo` and used by the browser tests.
// prisma/seed.ts creates these people (with more realistic colleagues around them).
export const DEMO_PASSWORD = "demo-portal-2026";

export const DEMO_LOGINS = [
  { role: "Employee", email: "sam.employee@demo.example" },
  { role: "Manager", email: "morgan.manager@demo.example" },
  { role: "HR", email: "harper.hr@demo.example" },
  { role: "Leadership", email: "lee.leadership@demo.example" },
  { role: "Admin", email: "alex.admin@demo.example" },
];
