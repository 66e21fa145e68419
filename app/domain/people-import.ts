import { z } from "zod";
import {
  DEFAULT_TIME_ZONE,
  EMPLOYEE_ID,
  findManagerCycles,
  isTimeZone,
  normaliseEmail,
} from "./people";
import { ROLES, type Role } from "./vocabulary";

// The people import from an HR system's CSV export. Pure: the model parses the file, loads what
// the database knows about the people in it, and this decides every row's fate. All or nothing:
// one bad row (a malformed value, an unknown manager, a loop) refuses the whole file, with each
// bad row named, so an import never leaves half an org chart.

export const PEOPLE_COLUMNS = [
  "employee_id",
  "email",
  "name",
  "team",
  "manager",
  "role",
  "time_zone",
] as const;
export type PeopleColumn = (typeof PEOPLE_COLUMNS)[number];
export const REQUIRED_PEOPLE_COLUMNS: readonly PeopleColumn[] = ["employee_id", "email", "name"];

export const PEOPLE_TEMPLATE_EXAMPLE: Record<PeopleColumn, string> = {
  employee_id: "E1001",
  email: "ada.lovelace@example.com",
  name: "Ada Lovelace",
  team: "Customer Support",
  manager: "E1000",
  role: "EMPLOYEE",
  time_zone: "Europe/London",
};

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const peopleRowSchema = z.object({
  employee_id: z
    .string({ required_error: "The employee id is empty." })
    .trim()
    .min(1, "The employee id is empty.")
    .regex(EMPLOYEE_ID, "Use letters, digits, dots, dashes or underscores (at most 64)."),
  email: z
    .string({ required_error: "The email is empty." })
    .trim()
    .email("Not a valid email address.")
    .max(254)
    .transform(normaliseEmail),
  name: z
    .string({ required_error: "The name is empty." })
    .trim()
    .min(1, "The name is empty.")
    .max(200, "Longer than 200 characters."),
  team: z.preprocess(blankToUndefined, z.string().trim().max(120).optional()),
  manager: z.preprocess(blankToUndefined, z.string().trim().max(254).optional()),
  role: z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim().toUpperCase()) : v),
    z.enum(ROLES, { errorMap: () => ({ message: `Use one of ${ROLES.join(", ")}.` }) }).optional(),
  ),
  time_zone: z.preprocess(
    blankToUndefined,
    z.string().trim().refine(isTimeZone, "Not a time zone name such as Europe/Paris.").optional(),
  ),
});
export type PeopleRow = z.output<typeof peopleRowSchema>;

export type PeopleRowCheck =
  | { line: number; ok: true; row: PeopleRow }
  | { line: number; ok: false; errors: string[]; raw: Record<string, string> };

export function checkPeopleHeader(header: readonly string[]): string[] {
  const errors: string[] = [];
  for (const c of REQUIRED_PEOPLE_COLUMNS) {
    if (!header.includes(c)) errors.push(`The column "${c}" is missing.`);
  }
  const unknown = header.filter((c) => !(PEOPLE_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) errors.push(`Unknown column(s): ${unknown.join(", ")}.`);
  return errors;
}

/** Row by row: values, then duplicates of an employee id or an email within the file. */
export function checkPeopleRows(records: readonly Record<string, string>[]): PeopleRowCheck[] {
  const ids = new Map<string, number>();
  const emails = new Map<string, number>();
  return records.map((raw, i) => {
    const line = i + 2;
    const parsed = peopleRowSchema.safeParse(raw);
    if (!parsed.success) {
      const errors = parsed.error.issues.map(
        (iss) => `${String(iss.path[0] ?? "")}: ${iss.message}`,
      );
      return { line, ok: false, errors, raw };
    }
    const row = parsed.data;
    const errors: string[] = [];
    const firstId = ids.get(row.employee_id);
    if (firstId !== undefined) errors.push(`employee_id: Also on line ${firstId}.`);
    const firstEmail = emails.get(row.email);
    if (firstEmail !== undefined) errors.push(`email: Also on line ${firstEmail}.`);
    if (errors.length) return { line, ok: false, errors, raw };
    ids.set(row.employee_id, line);
    emails.set(row.email, line);
    return { line, ok: true, row };
  });
}

/** A person as the database has them, with their team's name. */
export type KnownPerson = {
  id: string;
  employeeId: string | null;
  email: string;
  name: string;
  role: string;
  teamName: string | null;
  managerId: string | null;
  timeZone: string;
  active: boolean;
};

export type ImportFacts = {
  byEmployeeId: Map<string, KnownPerson>;
  byEmail: Map<string, KnownPerson>;
  /**
   * People outside the file that rows name as manager, and everyone above them, by id: to
   * find loops that pass through someone the file does not list.
   */
  outside: Map<string, KnownPerson>;
  /** Active people with an employee id that the file does not list. */
  missing: KnownPerson[];
  /** The person importing: never deactivated by their own import. */
  actorId: string;
};

export type ManagerRef = { row: number } | { userId: string } | null;

export type PlannedPerson = {
  line: number;
  row: PeopleRow;
  existing: KnownPerson | null;
  manager: ManagerRef;
  role: Role;
  timeZone: string;
  /** Field → {from, to} for a known person; empty when nothing changes. */
  changes: Record<string, { from: string | boolean | null; to: string | boolean | null }>;
};

export type ImportPlan = {
  errors: { line: number; errors: string[] }[];
  people: PlannedPerson[];
  creates: number;
  updates: number;
  unchanged: number;
  deactivate: KnownPerson[];
  newTeams: string[];
};

/**
 * Decides every valid row: new, changed or unchanged; resolves managers (an employee id or an
 * email, in the file or already in the portal); finds loops; lists who the file leaves out.
 */
export function planPeopleImport(
  checks: PeopleRowCheck[],
  facts: ImportFacts,
  existingTeams: Set<string>,
): ImportPlan {
  const errors = new Map<number, string[]>();
  const fail = (line: number, message: string) =>
    errors.set(line, [...(errors.get(line) ?? []), message]);
  for (const c of checks) if (!c.ok) errors.set(c.line, c.errors);
  const valid = checks.filter((c): c is Extract<PeopleRowCheck, { ok: true }> => c.ok);

  const rowByKey = new Map<string, number>(); // employee id or email → index in `valid`
  valid.forEach((c, i) => {
    rowByKey.set(c.row.employee_id, i);
    rowByKey.set(c.row.email, i);
  });
  const missing = facts.missing.filter((p) => p.id !== facts.actorId);
  const missingIds = new Set(missing.map((p) => p.id));

  const planned: PlannedPerson[] = valid.map((c, i) => {
    const byId = facts.byEmployeeId.get(c.row.employee_id) ?? null;
    const byEmail = facts.byEmail.get(c.row.email) ?? null;
    if (byEmail && byId && byEmail.id !== byId.id) {
      fail(c.line, `email: ${c.row.email} belongs to another person (${byEmail.name}).`);
    } else if (byEmail && !byId && byEmail.employeeId && byEmail.employeeId !== c.row.employee_id) {
      fail(
        c.line,
        `email: ${c.row.email} belongs to employee ${byEmail.employeeId}, not ${c.row.employee_id}.`,
      );
    }
    const existing = byId ?? byEmail;

    let manager: ManagerRef = null;
    const ref = c.row.manager;
    if (ref) {
      const key = ref.includes("@") ? normaliseEmail(ref) : ref;
      const inFile = rowByKey.get(key);
      const known = facts.byEmployeeId.get(key) ?? facts.byEmail.get(key);
      if (inFile === i) fail(c.line, "manager: A person cannot be their own manager.");
      else if (inFile !== undefined) manager = { row: inFile };
      else if (!known) fail(c.line, `manager: Nobody in the file or the portal is “${ref}”.`);
      else if (!known.active || missingIds.has(known.id)) {
        fail(c.line, `manager: ${known.name} is not in the file and would be deactivated.`);
      } else manager = { userId: known.id };
    }
    const role = (c.row.role ?? existing?.role ?? "EMPLOYEE") as Role;
    const timeZone = c.row.time_zone ?? existing?.timeZone ?? DEFAULT_TIME_ZONE;
    return { line: c.line, row: c.row, existing, manager, role, timeZone, changes: {} };
  });

  // Loops: rows point at rows or at outside people, outside people at their own managers.
  const idToRow = new Map<string, number>();
  planned.forEach((p, i) => p.existing && idToRow.set(p.existing.id, i));
  const nodeOfUser = (id: string) => (idToRow.has(id) ? `r${idToRow.get(id)}` : `u${id}`);
  const graph = new Map<string, string | null>();
  planned.forEach((p, i) => {
    const m = p.manager;
    graph.set(`r${i}`, m === null ? null : "row" in m ? `r${m.row}` : nodeOfUser(m.userId));
  });
  for (const person of facts.outside.values()) {
    if (idToRow.has(person.id)) continue;
    graph.set(`u${person.id}`, person.managerId ? nodeOfUser(person.managerId) : null);
  }
  for (const cycle of findManagerCycles(graph)) {
    const lines = cycle
      .filter((n) => n.startsWith("r"))
      .map((n) => planned[Number(n.slice(1))].line);
    for (const line of lines) {
      fail(line, `manager: Lines ${lines.join(", ")} manage each other in a loop.`);
    }
  }

  // What changes for people already in the portal.
  const targetId = (m: ManagerRef): string | null =>
    m === null ? null : "userId" in m ? m.userId : (planned[m.row].existing?.id ?? `new:${m.row}`);
  let creates = 0;
  let updates = 0;
  let unchanged = 0;
  for (const p of planned) {
    if (!p.existing) {
      creates++;
      continue;
    }
    const e = p.existing;
    const to = {
      employeeId: p.row.employee_id,
      email: p.row.email,
      name: p.row.name,
      role: p.role,
      team: p.row.team ?? null,
      managerId: targetId(p.manager),
      timeZone: p.timeZone,
      active: true,
    };
    const from = {
      employeeId: e.employeeId,
      email: e.email,
      name: e.name,
      role: e.role,
      team: e.teamName,
      managerId: e.managerId,
      timeZone: e.timeZone,
      active: e.active,
    };
    for (const k of Object.keys(to) as (keyof typeof to)[]) {
      if (from[k] !== to[k]) p.changes[k] = { from: from[k], to: to[k] };
    }
    if (Object.keys(p.changes).length) updates++;
    else unchanged++;
  }
  const newTeams = [
    ...new Set(
      planned.flatMap((p) => (p.row.team && !existingTeams.has(p.row.team) ? [p.row.team] : [])),
    ),
  ];
  return {
    errors: [...errors.entries()]
      .sort(([a], [b]) => a - b)
      .map(([line, errs]) => ({ line, errors: errs })),
    people: planned,
    creates,
    updates,
    unchanged,
    deactivate: missing,
    newTeams,
  };
}
