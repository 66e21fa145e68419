import { accountsChangingSegment, segmentsChanged, segmentsChanging } from "./kept-figures.server";
import { effectiveSeverity } from "~/domain/account-scoring";
import type { AccountRow, ContactRow } from "~/domain/api";
import { SEVERITIES, type Severity } from "~/domain/vocabulary";
import type { ApiCaller } from "./api-token.server";
import type { Db, Prisma } from "~/utils/db.server";
import { dataFor } from "./account-import.server";
import { recordAudit } from "./audit-log.server";

// What the REST API reads and writes. Writes reuse the CRM import's row rules and column
// mapping; a request is all or nothing (one transaction, with its settings-history row).

const CHUNK = 500;
/** How many CRM ids a settings-history row lists; counts cover the rest. */
const AUDIT_IDS = 20;

export type FieldError = { pointer: string; detail: string };
export type WriteResult =
  { ok: true; created: number; updated: number } | { ok: false; errors: FieldError[] };

const at = (base: string, i: number | null, field: string) =>
  i === null ? `/${field}` : `${base}/${i}/${field}`;

/** Rows with a CRM id seen earlier in the same request are refused, as in the import. */
function duplicates(ids: string[], base: string, single: boolean): FieldError[] {
  const seen = new Map<string, number>();
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    const first = seen.get(id);
    if (first !== undefined) {
      errors.push({
        pointer: at(base, single ? null : i, "crm_id"),
        detail: `Duplicate of row ${first}; each CRM id may appear once`,
      });
    } else seen.set(id, i);
  });
  return errors;
}

async function existingIds(
  find: (ids: string[]) => Promise<{ crmId: string | null }[]>,
  ids: string[],
) {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const f of await find(ids.slice(i, i + CHUNK))) if (f.crmId) out.add(f.crmId);
  }
  return out;
}

/** `single`: the rows came as one object (pointers then name the field without a row). */
export async function upsertAccounts(
  db: Db,
  caller: ApiCaller,
  rows: AccountRow[],
  single = false,
  now = new Date(),
): Promise<WriteResult> {
  const errors = duplicates(
    rows.map((r) => r.crm_id),
    "/accounts",
    single,
  );
  const emails = [...new Set(rows.flatMap((r) => (r.owner_email ? [r.owner_email] : [])))];
  const owners = emails.length
    ? await db.user.findMany({
        where: { email: { in: emails } },
        select: { id: true, email: true },
      })
    : [];
  const ownerIds = new Map(owners.map((o) => [o.email, o.id]));
  rows.forEach((r, i) => {
    if (r.owner_email && !ownerIds.has(r.owner_email)) {
      errors.push({
        pointer: at("/accounts", single ? null : i, "owner_email"),
        detail: `Nobody with the email ${r.owner_email} uses the portal`,
      });
    }
  });
  if (errors.length) return { ok: false, errors };

  return db.$transaction(
    async (tx) => {
      const existing = await existingIds(
        (ids) =>
          tx.customerAccount.findMany({ where: { crmId: { in: ids } }, select: { crmId: true } }),
        rows.map((r) => r.crm_id),
      );
      const toCreate = rows.filter((r) => !existing.has(r.crm_id));
      const toUpdate = rows.filter((r) => existing.has(r.crm_id));
      for (let i = 0; i < toCreate.length; i += CHUNK) {
        await tx.customerAccount.createMany({
          data: toCreate.slice(i, i + CHUNK).map((r) => ({
            crmId: r.crm_id,
            ...dataFor(r, ownerIds),
            createdAt: now,
          })),
        });
      }
      // Kept day counts are per segment (decision 115).
      const moving = await accountsChangingSegment(
        tx,
        toUpdate.map((r) => ({ crmId: r.crm_id, segment: r.segment })),
      );
      await segmentsChanging(tx, moving);
      for (const r of toUpdate) {
        await tx.customerAccount.update({
          where: { crmId: r.crm_id },
          data: { ...dataFor(r, ownerIds), needsConfirmation: false },
        });
      }
      await segmentsChanged(tx, moving);
      await recordAudit(tx, {
        actorId: null,
        action: "API_ACCOUNTS_UPSERTED",
        subjectType: "API_TOKEN",
        subjectId: caller.tokenId,
        at: now,
        data: {
          created: toCreate.length,
          updated: toUpdate.length,
          crmIds: rows.slice(0, AUDIT_IDS).map((r) => r.crm_id),
        },
      });
      return { ok: true, created: toCreate.length, updated: toUpdate.length } as const;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

export async function upsertContacts(
  db: Db,
  caller: ApiCaller,
  rows: ContactRow[],
  single = false,
  now = new Date(),
): Promise<WriteResult> {
  const errors = duplicates(
    rows.map((r) => r.crm_id),
    "/contacts",
    single,
  );
  const accountCrmIds = [...new Set(rows.map((r) => r.account_crm_id))];
  const accounts = new Map<string, string>();
  for (let i = 0; i < accountCrmIds.length; i += CHUNK) {
    const found = await db.customerAccount.findMany({
      where: { crmId: { in: accountCrmIds.slice(i, i + CHUNK) } },
      select: { id: true, crmId: true },
    });
    for (const a of found) accounts.set(a.crmId, a.id);
  }
  rows.forEach((r, i) => {
    if (!accounts.has(r.account_crm_id)) {
      errors.push({
        pointer: at("/contacts", single ? null : i, "account_crm_id"),
        detail: `No account has the CRM id ${r.account_crm_id}`,
      });
    }
  });
  if (errors.length) return { ok: false, errors };

  return db.$transaction(
    async (tx) => {
      const existing = await existingIds(
        (ids) =>
          tx.customerContact.findMany({ where: { crmId: { in: ids } }, select: { crmId: true } }),
        rows.map((r) => r.crm_id),
      );
      let created = 0;
      for (const r of rows) {
        const data = {
          accountId: accounts.get(r.account_crm_id)!,
          name: r.name,
          jobTitle: r.job_title || null,
          email: r.email?.toLowerCase() || null,
          needsConfirmation: false,
        };
        if (existing.has(r.crm_id)) {
          await tx.customerContact.update({ where: { crmId: r.crm_id }, data });
        } else {
          await tx.customerContact.create({ data: { ...data, crmId: r.crm_id, createdAt: now } });
          created++;
        }
      }
      await recordAudit(tx, {
        actorId: null,
        action: "API_CONTACTS_UPSERTED",
        subjectType: "API_TOKEN",
        subjectId: caller.tokenId,
        at: now,
        data: {
          created,
          updated: rows.length - created,
          crmIds: rows.slice(0, AUDIT_IDS).map((r) => r.crm_id),
        },
      });
      return { ok: true, created, updated: rows.length - created } as const;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

const ACCOUNT_SELECT = {
  crmId: true,
  name: true,
  segment: true,
  arrMinor: true,
  contractValueMinor: true,
  currency: true,
  contractStart: true,
  contractEnd: true,
  renewalDate: true,
  noticeDate: true,
  paymentStatus: true,
  daysOverdue: true,
  conductStatus: true,
  needsReview: true,
  updatedAt: true,
} as const satisfies Prisma.CustomerAccountSelect;

type AccountSelected = Prisma.CustomerAccountGetPayload<{ select: typeof ACCOUNT_SELECT }>;

/** Minor units as the "125000.00" the API accepts. */
function money(minor: bigint): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  return `${negative ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function accountJson(a: AccountSelected) {
  return {
    crm_id: a.crmId,
    name: a.name,
    segment: a.segment,
    arr: money(a.arrMinor),
    contract_value: money(a.contractValueMinor),
    currency: a.currency,
    contract_start: day(a.contractStart),
    contract_end: day(a.contractEnd),
    renewal_date: day(a.renewalDate),
    notice_date: day(a.noticeDate),
    payment_status: a.paymentStatus,
    days_overdue: a.daysOverdue,
    conduct_status: a.conductStatus,
    needs_review: a.needsReview,
    updated_at: a.updatedAt.toISOString(),
  };
}

/** Keyset paging on the unique CRM id: stable however many accounts there are. */
export async function listAccountsPage(db: Db, cursor: string | undefined, limit: number) {
  const rows = await db.customerAccount.findMany({
    where: cursor ? { crmId: { gt: cursor } } : {},
    orderBy: { crmId: "asc" },
    take: limit + 1,
    select: ACCOUNT_SELECT,
  });
  const page = rows.slice(0, limit);
  return {
    accounts: page.map(accountJson),
    next_cursor: rows.length > limit ? page[page.length - 1].crmId : null,
  };
}

export async function getAccountJson(db: Db, crmId: string) {
  const a = await db.customerAccount.findUnique({ where: { crmId }, select: ACCOUNT_SELECT });
  return a ? accountJson(a) : null;
}

const DAY_MS = 86_400_000;

/** Counts only: this function never selects a name, a narrative or a reporter. */
export async function accountAggregates(db: Db, crmId: string, now = new Date()) {
  const account = await db.customerAccount.findUnique({ where: { crmId }, select: { id: true } });
  if (!account) return null;
  const [groups, recent] = await Promise.all([
    db.incident.groupBy({
      by: ["status", "reporterSeverity", "assessedSeverity"],
      where: { accountId: account.id },
      _count: { _all: true },
    }),
    db.incident.count({
      where: { accountId: account.id, occurredAt: { gte: new Date(now.getTime() - 90 * DAY_MS) } },
    }),
  ]);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let incidents = 0;
  let open = 0;
  for (const g of groups) {
    const n = g._count._all;
    incidents += n;
    if (g.status !== "RESOLVED") open += n;
    bySeverity[effectiveSeverity(g)] += n;
  }
  return { crm_id: crmId, incidents, open, last_90_days: recent, by_severity: bySeverity };
}
