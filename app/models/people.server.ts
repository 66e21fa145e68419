import { auditDiff, hasChanges } from "~/domain/audit-diff";
import {
  normaliseEmail,
  PERSON_AUDIT_FIELDS,
  TEAM_AUDIT_FIELDS,
  type PersonInput,
  type TeamInput,
} from "~/domain/people";
import { nextAvailableManager } from "~/domain/routing";
import type { Role } from "~/domain/vocabulary";
import { containsText, type Db, type Prisma, type Tx } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";
import { appendCaseEvent } from "./case-event.server";
import { enqueueNotification } from "./notification.server";
import { loadRoutingPeople, MAX_CHAIN_DEPTH, wouldCreateCycle } from "./org-chart.server";
import { issuePasswordLink, sendPasswordLinkMail } from "./password-link.server";

// People and teams as admins manage them (HR reads). Every change writes its settings-history
// row in the same transaction; deactivating someone hands their open cases on in it too.

export const PEOPLE_PAGE_SIZE = 50;

export type PeopleFilter = {
  q?: string;
  role?: Role;
  teamId?: string;
  status?: "active" | "inactive" | "all";
  page?: number;
};

export async function listPeople(db: Db, f: PeopleFilter) {
  const q = f.q?.trim();
  const where: Prisma.UserWhereInput = {
    ...(q
      ? {
          OR: [
            { name: containsText(q) },
            { email: containsText(q.toLowerCase()) },
            { employeeId: q },
          ],
        }
      : {}),
    ...(f.role ? { role: f.role } : {}),
    ...(f.teamId ? { teamId: f.teamId } : {}),
    ...(f.status === "all" ? {} : { active: f.status !== "inactive" }),
  };
  const page = Math.max(1, f.page ?? 1);
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: PEOPLE_PAGE_SIZE,
      skip: (page - 1) * PEOPLE_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        email: true,
        employeeId: true,
        role: true,
        active: true,
        team: { select: { name: true } },
        manager: { select: { name: true } },
      },
    }),
  ]);
  return { total, page, pages: Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE)), rows };
}

/** Teams for a filter or a form's list; organisations have hundreds, not more. */
export function teamChoices(db: Db) {
  return db.team.findMany({
    orderBy: { name: "asc" },
    take: 2000,
    select: { id: true, name: true },
  });
}

/** A person's own settings, as the form edits them and the settings history compares them. */
const PERSON_FIELDS = {
  id: true,
  name: true,
  email: true,
  employeeId: true,
  role: true,
  teamId: true,
  managerId: true,
  timeZone: true,
  language: true,
  active: true,
  team: { select: { name: true } },
} satisfies Prisma.UserSelect;

export async function getPerson(db: Db, id: string) {
  return db.user.findUnique({
    where: { id },
    select: {
      ...PERSON_FIELDS,
      passwordHash: true,
      manager: { select: { name: true, email: true } },
      _count: { select: { reports: true, assignedIncidents: { where: OPEN_CASE } } },
    },
  });
}

const OPEN_CASE = { status: { not: "RESOLVED" } } satisfies Prisma.IncidentWhereInput;

/** A manager given by work email or employee id, as people type them and HR systems export. */
export async function findPersonByRef(db: Db | Tx, ref: string) {
  const r = ref.trim();
  if (!r) return null;
  return db.user.findUnique({
    where: r.includes("@") ? { email: normaliseEmail(r) } : { employeeId: r },
    select: { id: true, name: true, email: true, active: true },
  });
}

export type SaveResult =
  | { ok: true; id: string; deactivated: boolean; moved: number }
  | { ok: false; fieldErrors: Record<string, string[]> };

export type PersonForm = Omit<PersonInput, "managerId"> & { managerRef?: string };

/** Thrown inside a transaction to undo it and answer the form. */
class Refused extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super("refused");
  }
}

/**
 * Creates (id null) or updates a person. A new person gets an invitation mail with a
 * single-use link, queued in the same transaction.
 */
export async function savePerson(
  db: Db,
  actorId: string | null,
  id: string | null,
  input: PersonForm,
  now = new Date(),
): Promise<SaveResult> {
  try {
    return await db.$transaction(async (tx) => {
      const before = id
        ? await tx.user.findUnique({
            where: { id },
            select: PERSON_FIELDS,
          })
        : null;
      if (id && !before) throw new Refused({ name: ["This person no longer exists."] });

      const errors: Record<string, string[]> = {};
      const clash = await tx.user.findUnique({
        where: { email: input.email },
        select: { id: true },
      });
      if (clash && clash.id !== id) errors.email = ["Someone else already has this work email."];
      if (input.employeeId) {
        const other = await tx.user.findUnique({
          where: { employeeId: input.employeeId },
          select: { id: true },
        });
        if (other && other.id !== id) errors.employeeId = ["Someone else has this employee id."];
      }
      let teamName: string | null = null;
      if (input.teamId) {
        const team = await tx.team.findUnique({
          where: { id: input.teamId },
          select: { name: true },
        });
        if (!team) errors.teamId = ["Please choose a team from the list."];
        teamName = team?.name ?? null;
      }
      let managerId: string | null = null;
      if (input.managerRef?.trim()) {
        const manager = await findPersonByRef(tx, input.managerRef);
        if (!manager) {
          errors.managerRef = ["Nobody has this work email or employee id."];
        } else if (manager.id === id) {
          errors.managerRef = ["A person cannot be their own manager."];
        } else if (id && (await wouldCreateCycle(tx, id, manager.id))) {
          errors.managerRef = [
            `${manager.name} reports, directly or not, to this person: that would make a loop.`,
          ];
        } else {
          managerId = manager.id;
        }
      }
      if (Object.keys(errors).length) throw new Refused(errors);

      const values = {
        name: input.name,
        email: input.email,
        employeeId: input.employeeId ?? null,
        role: input.role,
        teamId: input.teamId ?? null,
        managerId,
        timeZone: input.timeZone,
        language: input.language,
        active: id ? input.active : true,
      };
      if (!before) {
        const created = await tx.user.create({
          data: { ...values, createdAt: now },
          select: { id: true, name: true, email: true },
        });
        await recordAudit(tx, {
          actorId,
          action: "PERSON_CREATED",
          subjectType: "PERSON",
          subjectId: created.id,
          at: now,
          data: { ...values, team: teamName, teamId: undefined },
        });
        await sendPasswordLinkMail(tx, { user: created, purpose: "INVITE", now });
        return { ok: true, id: created.id, deactivated: false, moved: 0 } as const;
      }

      const changes = auditDiff(
        { ...before, team: before.team?.name ?? null },
        { ...values, team: teamName },
        PERSON_AUDIT_FIELDS,
      );
      if (!hasChanges(changes)) return { ok: true, id: before.id, deactivated: false, moved: 0 };
      await tx.user.update({ where: { id: before.id }, data: values });
      await recordAudit(tx, {
        actorId,
        action: "PERSON_UPDATED",
        subjectType: "PERSON",
        subjectId: before.id,
        at: now,
        data: changes,
      });
      const deactivated = before.active && !values.active;
      const moved = deactivated ? await handOnOpenCases(tx, before.id, actorId, now) : 0;
      return { ok: true, id: before.id, deactivated, moved } as const;
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, fieldErrors: error.fieldErrors };
    // Two admins saving the same email at once: the unique index decides.
    if ((error as { code?: string }).code === "P2002") {
      return { ok: false, fieldErrors: { email: ["Someone else already has this work email."] } };
    }
    throw error;
  }
}

/**
 * A deactivated person's open cases go to the next available person above them (their manager,
 * or that manager's, ...), never to the reporter or anyone named in the case; with nobody left
 * in that line, to HR. Each move is on the case's timeline and mailed to the new handler.
 */
export async function handOnOpenCases(
  tx: Tx,
  personId: string,
  actorId: string | null,
  now: Date,
): Promise<number> {
  const cases = await tx.incident.findMany({
    where: { assigneeId: personId, ...OPEN_CASE },
    select: {
      id: true,
      reference: true,
      reporterId: true,
      reporterSeverity: true,
      namedUsers: { select: { userId: true } },
      deadlines: {
        where: { metAt: null },
        orderBy: { dueAt: "asc" },
        take: 1,
        select: { dueAt: true },
      },
    },
  });
  if (cases.length === 0) return 0;
  const people = await loadRoutingPeople(tx, [personId]);
  const hr = [...people.values()].filter((p) => p.role === "HR" && p.active && !p.onLeave);
  for (const c of cases) {
    const excluded = new Set([personId, c.reporterId, ...c.namedUsers.map((n) => n.userId)]);
    const manager = nextAvailableManager(people.get(personId)?.managerId ?? null, people, excluded);
    const to =
      (manager ? people.get(manager.id) : undefined) ?? hr.find((p) => !excluded.has(p.id)) ?? null;
    await tx.incident.update({ where: { id: c.id }, data: { assigneeId: to?.id ?? null } });
    if (to) {
      await tx.incidentParticipant.upsert({
        where: { incidentId_userId: { incidentId: c.id, userId: to.id } },
        create: { incidentId: c.id, userId: to.id, role: "HANDLER" },
        update: { role: "HANDLER" },
      });
    }
    await appendCaseEvent(tx, {
      incidentId: c.id,
      type: "REASSIGNED",
      actorId,
      at: now,
      visibleToReporter: true,
      data: {
        fromUserId: personId,
        assigneeId: to?.id ?? null,
        reason: "the previous handler's account was deactivated",
      },
    });
    if (to) {
      await enqueueNotification(tx, {
        idempotencyKey: `incident:${c.id}:handed-on:${personId}:${to.id}:${now.getTime()}`,
        recipient: { id: to.id, email: to.email },
        template: "NEW_REPORT_ASSIGNED",
        data: {
          reference: c.reference,
          severity: c.reporterSeverity,
          dueAt: (c.deadlines[0]?.dueAt ?? now).toISOString(),
        },
        incidentId: c.id,
      });
    }
  }
  return cases.length;
}

/** A fresh invitation (the first one expired or was lost); earlier links stop working. */
export async function reinvitePerson(db: Db, actorId: string, id: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id },
      select: { id: true, name: true, email: true, active: true },
    });
    if (!user || !user.active) return false;
    await sendPasswordLinkMail(tx, { user, purpose: "INVITE", now });
    await recordAudit(tx, {
      actorId,
      action: "PERSON_INVITED",
      subjectType: "PERSON",
      subjectId: id,
      at: now,
    });
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Teams

export async function listTeams(db: Db, page = 1) {
  const size = PEOPLE_PAGE_SIZE;
  const [total, rows] = await Promise.all([
    db.team.count(),
    db.team.findMany({
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: size,
      skip: (Math.max(1, page) - 1) * size,
      select: {
        id: true,
        name: true,
        manager: { select: { name: true } },
        parent: { select: { name: true } },
        _count: { select: { members: { where: { active: true } } } },
      },
    }),
  ]);
  return { total, page, pages: Math.max(1, Math.ceil(total / size)), rows };
}

export function getTeam(db: Db, id: string) {
  return db.team.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      managerId: true,
      parentId: true,
      manager: { select: { name: true, email: true } },
      parent: { select: { name: true } },
    },
  });
}

export type TeamForm = Omit<TeamInput, "managerId"> & { managerRef?: string };

/** Would `parentId` as the parent of `teamId` put the team under itself? */
async function teamCycle(tx: Tx, teamId: string, parentId: string | null): Promise<boolean> {
  const seen = new Set<string>();
  let id = parentId;
  while (id && !seen.has(id) && seen.size < MAX_CHAIN_DEPTH * 4) {
    if (id === teamId) return true;
    seen.add(id);
    id =
      (await tx.team.findUnique({ where: { id }, select: { parentId: true } }))?.parentId ?? null;
  }
  return false;
}

export async function saveTeam(
  db: Db,
  actorId: string | null,
  id: string | null,
  input: TeamForm,
  now = new Date(),
): Promise<SaveResult> {
  try {
    return await db.$transaction(async (tx) => {
      const before = id
        ? await tx.team.findUnique({
            where: { id },
            select: { id: true, name: true, managerId: true, parent: { select: { name: true } } },
          })
        : null;
      if (id && !before) throw new Refused({ name: ["This team no longer exists."] });
      const errors: Record<string, string[]> = {};
      const clash = await tx.team.findUnique({ where: { name: input.name }, select: { id: true } });
      if (clash && clash.id !== id) errors.name = ["Another team already has this name."];
      let managerId: string | null = null;
      if (input.managerRef?.trim()) {
        const manager = await findPersonByRef(tx, input.managerRef);
        if (!manager) errors.managerRef = ["Nobody has this work email or employee id."];
        else if (!manager.active) errors.managerRef = [`${manager.name} is deactivated.`];
        else managerId = manager.id;
      }
      let parentName: string | null = null;
      if (input.parentId) {
        const parent = await tx.team.findUnique({
          where: { id: input.parentId },
          select: { name: true },
        });
        if (!parent) errors.parentId = ["Please choose a team from the list."];
        else if (id && (await teamCycle(tx, id, input.parentId))) {
          errors.parentId = [
            `${parent.name} is this team or sits under it: that would make a loop.`,
          ];
        }
        parentName = parent?.name ?? null;
      }
      if (Object.keys(errors).length) throw new Refused(errors);
      const values = { name: input.name, managerId, parentId: input.parentId ?? null };
      if (!before) {
        const team = await tx.team.create({ data: { ...values, createdAt: now } });
        await recordAudit(tx, {
          actorId,
          action: "TEAM_CREATED",
          subjectType: "TEAM",
          subjectId: team.id,
          at: now,
          data: { name: values.name, managerId, parent: parentName },
        });
        return { ok: true, id: team.id, deactivated: false, moved: 0 } as const;
      }
      const changes = auditDiff(
        { ...before, parent: before.parent?.name ?? null },
        { ...values, parent: parentName },
        TEAM_AUDIT_FIELDS,
      );
      if (hasChanges(changes)) {
        await tx.team.update({ where: { id: before.id }, data: values });
        await recordAudit(tx, {
          actorId,
          action: "TEAM_UPDATED",
          subjectType: "TEAM",
          subjectId: before.id,
          at: now,
          data: changes,
        });
      }
      return { ok: true, id: before.id, deactivated: false, moved: 0 } as const;
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, fieldErrors: error.fieldErrors };
    if ((error as { code?: string }).code === "P2002") {
      return { ok: false, fieldErrors: { name: ["Another team already has this name."] } };
    }
    throw error;
  }
}

export async function countPeople(db: Db) {
  const [active, teams] = await Promise.all([
    db.user.count({ where: { active: true } }),
    db.team.count(),
  ]);
  return { active, teams };
}

// ---------------------------------------------------------------------------------------------
// First run

/** Whether any active admin exists: the setup page and the home page ask before sign-in. */
export async function hasActiveAdmin(db: Db): Promise<boolean> {
  return (await db.user.count({ where: { role: "ADMIN", active: true }, take: 1 })) > 0;
}

export type CreateAdminResult =
  | { ok: true; created: boolean; token: string; expiresAt: Date; email: string }
  | { ok: false; message: string };

/**
 * The command-line way in: creates an admin without a password (or, for an existing admin who
 * lost access, issues a fresh link) and returns a single-use SETUP link's token. Nobody gets a
 * default password.
 */
export async function createAdmin(
  db: Db,
  input: { email: string; name?: string },
  now = new Date(),
): Promise<CreateAdminResult> {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) {
    return { ok: false, message: `“${input.email}” is not a valid email address.` };
  }
  const name = (input.name ?? "").trim().slice(0, 200) || email.split("@")[0];
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({
      where: { email },
      select: { id: true, role: true, active: true },
    });
    if (existing && (existing.role !== "ADMIN" || !existing.active)) {
      return {
        ok: false,
        message: `${email} already belongs to a person who is not an active admin. Change their role on the People page, or use another address.`,
      } as const;
    }
    const userId =
      existing?.id ??
      (
        await tx.user.create({
          data: { email, name, role: "ADMIN", createdAt: now },
          select: { id: true },
        })
      ).id;
    if (!existing) {
      await recordAudit(tx, {
        actorId: null,
        action: "PERSON_CREATED",
        subjectType: "PERSON",
        subjectId: userId,
        at: now,
        data: { name, email, role: "ADMIN", via: "create-admin command" },
      });
    }
    const link = await issuePasswordLink(tx, { userId, purpose: "SETUP", now });
    return { ok: true, created: !existing, email, ...link } as const;
  });
}
