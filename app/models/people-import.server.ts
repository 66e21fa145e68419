import { parse } from "csv-parse/sync";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { auditValue } from "~/domain/audit-diff";
import {
  checkPeopleHeader,
  checkPeopleRows,
  planPeopleImport,
  type ImportPlan,
  type KnownPerson,
  type PlannedPerson,
} from "~/domain/people-import";
import type { Db, Tx } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";
import { MAX_CHAIN_DEPTH } from "./org-chart.server";
import { PASSWORD_LINK_LIFETIME_MS, passwordLinkPath } from "./password-link.server";
import { handOnOpenCases } from "./people.server";

// The people import: parse (csv-parse), load what the portal knows about the people in the
// file in chunked queries, let app/domain/people-import.ts decide, and write only on confirm,
// set-based (createMany in chunks, updates only for what changed) in one transaction.

export const MAX_PEOPLE_IMPORT_BYTES = 20 * 1024 * 1024;
const CHUNK = 500;

const KNOWN = {
  id: true,
  employeeId: true,
  email: true,
  name: true,
  role: true,
  managerId: true,
  timeZone: true,
  active: true,
  team: { select: { name: true } },
} as const;

type KnownRow = Omit<KnownPerson, "teamName"> & { team: { name: string } | null };
const toKnown = ({ team, ...p }: KnownRow): KnownPerson => ({ ...p, teamName: team?.name ?? null });

async function inChunks<T, R>(items: T[], load: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK)
    out.push(...(await load(items.slice(i, i + CHUNK))));
  return out;
}

export type PeoplePreview = { fileErrors: string[]; total: number; plan: ImportPlan | null };

function parseCsv(text: string): { header: string[]; records: Record<string, string>[] } {
  let header: string[] = [];
  const records = parse(text.replace(/^\uFEFF/, ""), {
    columns: (h: string[]) => {
      header = h.map((c) => c.trim().toLowerCase());
      return header;
    },
    skip_empty_lines: true,
    relax_column_count: false,
  }) as Record<string, string>[];
  return { header, records };
}

export async function previewPeopleImport(
  db: Db | Tx,
  text: string,
  actorId: string,
): Promise<PeoplePreview> {
  let parsed: ReturnType<typeof parseCsv>;
  try {
    parsed = parseCsv(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { fileErrors: [`The file is not a readable CSV: ${msg}`], total: 0, plan: null };
  }
  const fileErrors = checkPeopleHeader(parsed.header);
  if (parsed.records.length === 0) fileErrors.push("The file has no rows under its header.");
  if (fileErrors.length) return { fileErrors, total: parsed.records.length, plan: null };

  const checks = checkPeopleRows(parsed.records);
  const valid = checks.flatMap((c) => (c.ok ? [c.row] : []));
  const ids = valid.map((r) => r.employee_id);
  const emails = valid.map((r) => r.email);
  const byEmployeeId = new Map<string, KnownPerson>();
  const byEmail = new Map<string, KnownPerson>();
  const remember = (p: KnownPerson) => {
    if (p.employeeId) byEmployeeId.set(p.employeeId, p);
    byEmail.set(p.email, p);
  };
  const loadBy = async (field: "employeeId" | "email", values: string[]) =>
    (
      await inChunks(values, (chunk) =>
        db.user.findMany({ where: { [field]: { in: chunk } }, select: KNOWN }),
      )
    ).map(toKnown);
  (await loadBy("employeeId", ids)).forEach(remember);
  (await loadBy("email", emails)).forEach(remember);

  // Managers the file names but does not list, and the lines above them.
  const inFile = new Set([...ids, ...emails]);
  const refs = [
    ...new Set(
      valid.flatMap((r) =>
        r.manager ? [r.manager.includes("@") ? r.manager.toLowerCase() : r.manager] : [],
      ),
    ),
  ].filter((ref) => !inFile.has(ref) && !byEmployeeId.has(ref) && !byEmail.has(ref));
  (
    await loadBy(
      "email",
      refs.filter((r) => r.includes("@")),
    )
  ).forEach(remember);
  (
    await loadBy(
      "employeeId",
      refs.filter((r) => !r.includes("@")),
    )
  ).forEach(remember);
  const outside = new Map<string, KnownPerson>();
  let frontier = refs.flatMap((r) => {
    const p = byEmployeeId.get(r) ?? byEmail.get(r);
    return p ? [p] : [];
  });
  for (let depth = 0; frontier.length && depth < MAX_CHAIN_DEPTH; depth++) {
    for (const p of frontier) outside.set(p.id, p);
    const next = [...new Set(frontier.flatMap((p) => (p.managerId ? [p.managerId] : [])))].filter(
      (id) => !outside.has(id),
    );
    frontier = (
      await inChunks(next, (chunk) =>
        db.user.findMany({ where: { id: { in: chunk } }, select: KNOWN }),
      )
    ).map(toKnown);
  }

  // Active people with an employee id that the file leaves out, read in pages.
  const fileIds = new Set(ids);
  const missing: KnownPerson[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await db.user.findMany({
      where: { active: true, employeeId: { not: null } },
      orderBy: { id: "asc" },
      take: 5000,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: KNOWN,
    });
    for (const p of page) if (!fileIds.has(p.employeeId!)) missing.push(toKnown(p));
    if (page.length < 5000) break;
    cursor = page[page.length - 1].id;
  }

  const teamNames = [...new Set(valid.flatMap((r) => (r.team ? [r.team] : [])))];
  const teams = await inChunks(teamNames, (chunk) =>
    db.team.findMany({ where: { name: { in: chunk } }, select: { name: true } }),
  );
  const plan = planPeopleImport(
    checks,
    { byEmployeeId, byEmail, outside, missing, actorId },
    new Set(teams.map((t) => t.name)),
  );
  return { fileErrors: [], total: checks.length, plan };
}

export type PeopleImportResult =
  | { ok: true; created: number; updated: number; deactivated: number; moved: number }
  | { ok: false; preview: PeoplePreview };

/** Rows whose manager is a new row come after that row, so one createMany can hold both. */
function inManagerOrder(people: PlannedPerson[]): number[] {
  const depth = new Map<number, number>();
  const depthOf = (i: number): number => {
    const known = depth.get(i);
    if (known !== undefined) return known;
    const m = people[i].manager;
    // The plan has no loops, so this ends.
    const d = m && "row" in m && !people[m.row].existing ? depthOf(m.row) + 1 : 0;
    depth.set(i, d);
    return d;
  };
  return people
    .map((_, i) => i)
    .filter((i) => !people[i].existing)
    .sort((a, b) => depthOf(a) - depthOf(b));
}

/**
 * Checks the file again and, only if every row is good, writes it: new teams, new people (with
 * an invitation each), changes, and deactivation of those the file leaves out (their sessions
 * end, their open cases are handed on). One transaction; every change in the settings history.
 */
export async function runPeopleImport(
  db: Db,
  text: string,
  actorId: string,
  now = new Date(),
): Promise<PeopleImportResult> {
  return db.$transaction(
    async (tx) => {
      const preview = await previewPeopleImport(tx, text, actorId);
      const plan = preview.plan;
      if (!plan || preview.fileErrors.length || plan.errors.length) return { ok: false, preview };
      if (plan.creates === 0 && plan.updates === 0 && plan.deactivate.length === 0) {
        return { ok: true, created: 0, updated: 0, deactivated: 0, moved: 0 };
      }
      const audits: {
        at: Date;
        actorId: string;
        action: string;
        subjectType: string;
        subjectId: string;
        data: string;
      }[] = [];
      const audit = (action: string, subjectType: string, subjectId: string, data: unknown) =>
        audits.push({
          at: now,
          actorId,
          action,
          subjectType,
          subjectId,
          data: JSON.stringify(auditValue(data)),
        });

      // Teams the file names that do not exist yet.
      if (plan.newTeams.length) {
        const created = plan.newTeams.map((name) => ({ id: randomUUID(), name, createdAt: now }));
        for (let i = 0; i < created.length; i += CHUNK) {
          await tx.team.createMany({ data: created.slice(i, i + CHUNK) });
        }
        for (const t of created) audit("TEAM_CREATED", "TEAM", t.id, { name: t.name });
      }
      const teamNames = [...new Set(plan.people.flatMap((p) => (p.row.team ? [p.row.team] : [])))];
      const teamId = new Map(
        (
          await inChunks(teamNames, (chunk) =>
            tx.team.findMany({ where: { name: { in: chunk } }, select: { id: true, name: true } }),
          )
        ).map((t) => [t.name, t.id]),
      );

      const ids = plan.people.map((p) => p.existing?.id ?? randomUUID());
      const managerIdOf = (p: PlannedPerson) =>
        p.manager === null ? null : "userId" in p.manager ? p.manager.userId : ids[p.manager.row];

      // New people, managers first.
      const order = inManagerOrder(plan.people);
      const links: {
        id: string;
        tokenHash: string;
        purpose: string;
        userId: string;
        expiresAt: Date;
        createdAt: Date;
      }[] = [];
      const mails: {
        id: string;
        idempotencyKey: string;
        recipientId: string;
        toEmail: string;
        template: string;
        data: string;
        createdAt: Date;
        nextAttemptAt: Date;
      }[] = [];
      const expiresAt = new Date(now.getTime() + PASSWORD_LINK_LIFETIME_MS.INVITE);
      for (let i = 0; i < order.length; i += CHUNK) {
        const rows = order.slice(i, i + CHUNK).map((index) => {
          const p = plan.people[index];
          const row = {
            id: ids[index],
            employeeId: p.row.employee_id,
            email: p.row.email,
            name: p.row.name,
            role: p.role,
            teamId: p.row.team ? (teamId.get(p.row.team) ?? null) : null,
            managerId: managerIdOf(p),
            timeZone: p.timeZone,
            createdAt: now,
            updatedAt: now,
          };
          audit("PERSON_CREATED", "PERSON", row.id, {
            name: row.name,
            email: row.email,
            employeeId: row.employeeId,
            role: row.role,
            team: p.row.team ?? null,
            managerId: row.managerId,
            timeZone: row.timeZone,
            via: "import",
          });
          return row;
        });
        await tx.user.createMany({ data: rows });
        for (const r of rows) {
          const token = randomBytes(32).toString("base64url");
          const tokenHash = createHash("sha256").update(token, "utf8").digest("hex");
          links.push({
            id: randomUUID(),
            tokenHash,
            purpose: "INVITE",
            userId: r.id,
            expiresAt,
            createdAt: now,
          });
          mails.push({
            id: randomUUID(),
            idempotencyKey: `password-link:${tokenHash}`,
            recipientId: r.id,
            toEmail: r.email,
            template: "INVITATION",
            data: JSON.stringify({
              name: r.name,
              path: passwordLinkPath(token),
              expiresAt: expiresAt.toISOString(),
            }),
            createdAt: now,
            nextAttemptAt: now,
          });
        }
      }
      for (let i = 0; i < links.length; i += CHUNK) {
        await tx.passwordLink.createMany({ data: links.slice(i, i + CHUNK) });
        await tx.notification.createMany({ data: mails.slice(i, i + CHUNK) });
      }

      // Changes to people already in the portal: only what differs.
      let updated = 0;
      for (const [index, p] of plan.people.entries()) {
        if (!p.existing || Object.keys(p.changes).length === 0) continue;
        const c = p.changes;
        await tx.user.update({
          where: { id: p.existing.id },
          data: {
            ...("employeeId" in c ? { employeeId: p.row.employee_id } : {}),
            ...("email" in c ? { email: p.row.email } : {}),
            ...("name" in c ? { name: p.row.name } : {}),
            ...("role" in c ? { role: p.role } : {}),
            ...("team" in c
              ? { teamId: p.row.team ? (teamId.get(p.row.team) ?? null) : null }
              : {}),
            ...("managerId" in c ? { managerId: managerIdOf(p) } : {}),
            ...("timeZone" in c ? { timeZone: p.timeZone } : {}),
            ...("active" in c ? { active: true } : {}),
          },
        });
        const changes = { ...c };
        if (changes.managerId) changes.managerId = { ...changes.managerId, to: managerIdOf(p) };
        audit("PERSON_UPDATED", "PERSON", ids[index], changes);
        updated++;
      }

      // Those the file leaves out: deactivated, signed out, their open cases handed on.
      const gone = plan.deactivate.map((p) => p.id);
      let moved = 0;
      for (let i = 0; i < gone.length; i += CHUNK) {
        const chunk = gone.slice(i, i + CHUNK);
        await tx.user.updateMany({ where: { id: { in: chunk } }, data: { active: false } });
        await tx.session.deleteMany({ where: { userId: { in: chunk } } });
      }
      const withCases = await inChunks(gone, (chunk) =>
        tx.incident.findMany({
          where: { assigneeId: { in: chunk }, status: { not: "RESOLVED" } },
          distinct: ["assigneeId"],
          select: { assigneeId: true },
        }),
      );
      for (const { assigneeId } of withCases)
        moved += await handOnOpenCases(tx, assigneeId!, actorId, now);
      for (const id of gone)
        audit("PERSON_UPDATED", "PERSON", id, { active: { from: true, to: false } });

      for (let i = 0; i < audits.length; i += CHUNK) {
        await tx.auditEvent.createMany({ data: audits.slice(i, i + CHUNK) });
      }
      const summary = { created: order.length, updated, deactivated: gone.length, moved };
      await recordAudit(tx, {
        actorId,
        action: "PEOPLE_IMPORTED",
        subjectType: "PEOPLE_IMPORT",
        subjectId: null,
        at: now,
        data: summary,
      });
      return { ok: true, ...summary };
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}
