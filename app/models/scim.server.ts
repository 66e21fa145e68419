import {
  personFromScim,
  SCIM_GROUP,
  SCIM_USER,
  type PersonFields,
  type ScimUserInput,
} from "~/domain/scim";
import { DEFAULT_TIME_ZONE, type Language } from "~/domain/people";
import type { Role } from "~/domain/vocabulary";
import type { Db, Tx } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";
import { savePerson, saveTeam } from "./people.server";

// SCIM Users and Groups onto people and teams. Creating, changing and deactivating a person
// goes through savePerson, the admin pages' own function: the same checks, the same
// settings-history rows, the same hand-over of open cases. The route ends sessions after a
// deactivation, as the admin page does.

/** A team's members listed in a Group; larger teams list the first ones by id. */
const GROUP_MEMBERS_MAX = 5000;

const USER_SELECT = {
  id: true,
  email: true,
  name: true,
  employeeId: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  team: { select: { id: true, name: true } },
} as const;

type UserRow = {
  id: string;
  email: string;
  name: string;
  employeeId: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  team: { id: string; name: string } | null;
};

export function scimUserJson(u: UserRow, base: string) {
  return {
    schemas: [SCIM_USER],
    id: u.id,
    ...(u.employeeId ? { externalId: u.employeeId } : {}),
    userName: u.email,
    displayName: u.name,
    name: { formatted: u.name },
    emails: [{ value: u.email, type: "work", primary: true }],
    active: u.active,
    groups: u.team ? [{ value: u.team.id, display: u.team.name }] : [],
    meta: {
      resourceType: "User",
      created: u.createdAt.toISOString(),
      lastModified: u.updatedAt.toISOString(),
      location: `${base}/scim/v2/Users/${u.id}`,
    },
  };
}

export async function getScimUser(db: Db, id: string) {
  return db.user.findUnique({ where: { id }, select: USER_SELECT });
}

export async function listScimUsers(
  db: Db,
  opts: { userName: string | null; startIndex: number; count: number },
) {
  const where = opts.userName ? { email: opts.userName } : {};
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: { id: "asc" },
      skip: opts.startIndex - 1,
      take: opts.count,
      select: USER_SELECT,
    }),
  ]);
  return { total, rows };
}

export type ScimWrite =
  | { ok: true; id: string; deactivated: boolean }
  | { ok: false; status: 400 | 404 | 409; scimType?: string; detail: string };

function refused(fieldErrors: Record<string, string[]>): ScimWrite {
  const [field, messages] = Object.entries(fieldErrors)[0] ?? ["", ["Refused"]];
  const clash = /already|someone else/i.test(messages[0]);
  return {
    ok: false,
    status: clash ? 409 : 400,
    scimType: clash ? "uniqueness" : "invalidValue",
    detail: `${field}: ${messages[0]}`,
  };
}

/** A new person from the identity provider: an employee, invited like one an admin adds. */
export async function createScimUser(db: Db, input: ScimUserInput): Promise<ScimWrite> {
  const p = personFromScim(input);
  const result = await savePerson(db, null, null, {
    name: p.name,
    email: p.email,
    employeeId: p.employeeId,
    role: "EMPLOYEE",
    timeZone: DEFAULT_TIME_ZONE,
    language: "en",
    active: true,
  });
  if (!result.ok) return refused(result.fieldErrors);
  if (!p.active) return updateScimUser(db, result.id, p);
  return { ok: true, id: result.id, deactivated: false };
}

/** The attributes SCIM owns (name, email, employee id, active); role, team, manager stay. */
export async function updateScimUser(db: Db, id: string, p: PersonFields): Promise<ScimWrite> {
  const current = await db.user.findUnique({
    where: { id },
    select: {
      role: true,
      teamId: true,
      timeZone: true,
      language: true,
      manager: { select: { email: true } },
    },
  });
  if (!current) return { ok: false, status: 404, detail: "No such user" };
  const result = await savePerson(db, null, id, {
    name: p.name,
    email: p.email,
    employeeId: p.employeeId,
    role: current.role as Role,
    teamId: current.teamId ?? undefined,
    managerRef: current.manager?.email,
    timeZone: current.timeZone,
    language: current.language as Language,
    active: p.active,
  });
  if (!result.ok) return refused(result.fieldErrors);
  return { ok: true, id, deactivated: result.deactivated };
}

/** The current attributes as a SCIM input, for PATCH to apply its operations to. */
export function scimInputOf(u: UserRow): ScimUserInput {
  return {
    userName: u.email,
    displayName: u.name,
    externalId: u.employeeId ?? undefined,
    active: u.active,
  };
}

// ---- Groups (teams) ------------------------------------------------------------------------

export async function getScimGroup(db: Db, id: string, base: string) {
  const team = await db.team.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      createdAt: true,
      members: {
        orderBy: { id: "asc" },
        take: GROUP_MEMBERS_MAX,
        select: { id: true, name: true },
      },
    },
  });
  if (!team) return null;
  return {
    schemas: [SCIM_GROUP],
    id: team.id,
    displayName: team.name,
    members: team.members.map((m) => ({
      value: m.id,
      display: m.name,
      $ref: `${base}/scim/v2/Users/${m.id}`,
    })),
    meta: {
      resourceType: "Group",
      created: team.createdAt.toISOString(),
      location: `${base}/scim/v2/Groups/${team.id}`,
    },
  };
}

export async function listScimGroups(
  db: Db,
  opts: { displayName: string | null; startIndex: number; count: number },
) {
  const where = opts.displayName ? { name: opts.displayName } : {};
  const [total, rows] = await Promise.all([
    db.team.count({ where }),
    db.team.findMany({
      where,
      orderBy: { id: "asc" },
      skip: opts.startIndex - 1,
      take: opts.count,
      select: { id: true },
    }),
  ]);
  return { total, ids: rows.map((r) => r.id) };
}

export async function createScimGroup(
  db: Db,
  name: string,
  memberIds: string[],
): Promise<ScimWrite> {
  const missing = await unknownUsers(db, memberIds);
  if (missing) return missing;
  const result = await saveTeam(db, null, null, { name });
  if (!result.ok) return refused(result.fieldErrors);
  if (memberIds.length) await changeMembers(db, result.id, { add: memberIds, remove: [] });
  return { ok: true, id: result.id, deactivated: false };
}

async function unknownUsers(db: Db | Tx, ids: string[]): Promise<ScimWrite | null> {
  const unique = [...new Set(ids)];
  if (!unique.length) return null;
  const found = await db.user.count({ where: { id: { in: unique } } });
  return found === unique.length
    ? null
    : { ok: false, status: 400, scimType: "invalidValue", detail: "members: unknown user id" };
}

/**
 * Renames a team and moves people in or out of it (a person is in one team at a time, so
 * joining this team leaves their previous one). Each moved person gets a settings-history row.
 */
export async function updateScimGroup(
  db: Db,
  id: string,
  change: { name: string | null; add: string[]; remove: string[]; replaceAll: string[] | null },
): Promise<ScimWrite> {
  const team = await db.team.findUnique({
    where: { id },
    select: { id: true, name: true, parentId: true, manager: { select: { email: true } } },
  });
  if (!team) return { ok: false, status: 404, detail: "No such group" };
  const missing = await unknownUsers(db, [...change.add, ...(change.replaceAll ?? [])]);
  if (missing) return missing;
  if (change.name && change.name !== team.name) {
    const result = await saveTeam(db, null, id, {
      name: change.name,
      managerRef: team.manager?.email,
      parentId: team.parentId ?? undefined,
    });
    if (!result.ok) return refused(result.fieldErrors);
  }
  let { add, remove } = change;
  if (change.replaceAll) {
    const keep = new Set(change.replaceAll);
    const current = await db.user.findMany({ where: { teamId: id }, select: { id: true } });
    remove = current.filter((u) => !keep.has(u.id)).map((u) => u.id);
    add = change.replaceAll;
  }
  await changeMembers(db, id, { add, remove });
  return { ok: true, id, deactivated: false };
}

async function changeMembers(db: Db, teamId: string, m: { add: string[]; remove: string[] }) {
  if (!m.add.length && !m.remove.length) return;
  const now = new Date();
  await db.$transaction(
    async (tx) => {
      const team = await tx.team.findUniqueOrThrow({
        where: { id: teamId },
        select: { name: true },
      });
      const moving = await tx.user.findMany({
        where: {
          OR: [
            { id: { in: m.add }, OR: [{ teamId: null }, { teamId: { not: teamId } }] },
            { id: { in: m.remove }, teamId },
          ],
        },
        select: { id: true, teamId: true, team: { select: { name: true } } },
      });
      for (const u of moving) {
        const joining = u.teamId !== teamId;
        await tx.user.update({ where: { id: u.id }, data: { teamId: joining ? teamId : null } });
        await recordAudit(tx, {
          actorId: null,
          action: "PERSON_UPDATED",
          subjectType: "PERSON",
          subjectId: u.id,
          at: now,
          data: { team: { from: u.team?.name ?? null, to: joining ? team.name : null } },
        });
      }
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** Teams keep their history: deleting a Group empties it and leaves the team in place. */
export async function deleteScimGroup(db: Db, id: string): Promise<boolean> {
  const team = await db.team.findUnique({ where: { id }, select: { id: true } });
  if (!team) return false;
  const members = await db.user.findMany({ where: { teamId: id }, select: { id: true } });
  await changeMembers(db, id, { add: [], remove: members.map((u) => u.id) });
  return true;
}
