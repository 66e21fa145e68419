import { segmentsChanged, segmentsChanging } from "./kept-figures.server";
import { auditDiff, hasChanges } from "~/domain/audit-diff";
import { containsText, type Db, type Prisma } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";

// Account list, search and edit for HR and admins. Edits and contact changes are recorded in
// the settings history (leadership decisions rest on these figures), in the same transaction.

export const PAGE_SIZE = 50;

export async function listAccounts(
  db: Db,
  opts: { q?: string; segment?: string | null; review?: boolean; page?: number },
) {
  const q = opts.q?.trim();
  const where: Prisma.CustomerAccountWhereInput = {
    AND: [
      q
        ? {
            OR: [
              { name: containsText(q) },
              { crmId: containsText(q) },
              { contacts: { some: { name: containsText(q) } } },
            ],
          }
        : {},
      opts.segment ? { segment: opts.segment } : {},
      opts.review ? { needsReview: true } : {},
    ],
  };
  const page = Math.max(1, opts.page ?? 1);
  const [total, rows] = await Promise.all([
    db.customerAccount.count({ where }),
    db.customerAccount.findMany({
      where,
      orderBy: { name: "asc" },
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        crmId: true,
        name: true,
        segment: true,
        currency: true,
        arrMinor: true,
        renewalDate: true,
        paymentStatus: true,
        daysOverdue: true,
        conductStatus: true,
        needsReview: true,
        needsConfirmation: true,
        owner: { select: { name: true } },
        _count: { select: { contacts: true } },
      },
    }),
  ]);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    rows: rows.map((a) => ({
      id: a.id,
      crmId: a.crmId,
      name: a.name,
      segment: a.segment,
      currency: a.currency,
      arrMinor: Number(a.arrMinor),
      renewalDate: a.renewalDate?.toISOString() ?? null,
      paymentStatus: a.paymentStatus,
      daysOverdue: a.daysOverdue,
      conductStatus: a.conductStatus,
      needsReview: a.needsReview,
      needsConfirmation: a.needsConfirmation,
      ownerName: a.owner?.name ?? null,
      contacts: a._count.contacts,
    })),
  };
}

export async function getAccountForEdit(db: Db, id: string) {
  const a = await db.customerAccount.findUnique({ where: { id } });
  if (!a) return null;
  return { ...a, arrMinor: Number(a.arrMinor), contractValueMinor: Number(a.contractValueMinor) };
}

/** People who can own an account (active, not admins). */
export function listOwnerChoices(db: Db) {
  return db.user.findMany({
    where: { active: true, role: { not: "ADMIN" } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

export type AccountUpdate = {
  name: string;
  segment: string;
  ownerId: string | null;
  arrMinor: bigint;
  contractValueMinor: bigint;
  currency: string;
  contractStart: Date | null;
  contractEnd: Date | null;
  renewalDate: Date | null;
  noticeDate: Date | null;
  paymentStatus: string;
  daysOverdue: number;
  conductStatus: string;
  needsConfirmation: boolean;
};

const ACCOUNT_FIELDS = [
  "name",
  "segment",
  "ownerId",
  "arrMinor",
  "contractValueMinor",
  "currency",
  "contractStart",
  "contractEnd",
  "renewalDate",
  "noticeDate",
  "paymentStatus",
  "daysOverdue",
  "conductStatus",
  "needsConfirmation",
] as const satisfies readonly (keyof AccountUpdate)[];

export async function updateAccount(db: Db, id: string, data: AccountUpdate, actorId: string) {
  return db.$transaction(async (tx) => {
    const before = await tx.customerAccount.findUniqueOrThrow({ where: { id } });
    // Kept day counts are per segment (decision 115).
    const moving = data.segment !== undefined && data.segment !== before.segment ? [id] : [];
    await segmentsChanging(tx, moving);
    const updated = await tx.customerAccount.update({ where: { id }, data, select: { id: true } });
    await segmentsChanged(tx, moving);
    const changes = auditDiff(before, data, ACCOUNT_FIELDS);
    if (hasChanges(changes)) {
      await recordAudit(tx, {
        actorId,
        action: "ACCOUNT_UPDATED",
        subjectType: "ACCOUNT",
        subjectId: id,
        data: changes,
      });
    }
    return updated;
  });
}

export type ContactInput = { name: string; jobTitle?: string; email?: string };

export function getContactForEdit(db: Db, accountId: string, contactId: string) {
  return db.customerContact.findFirst({
    where: { id: contactId, accountId },
    select: { id: true, name: true, jobTitle: true, email: true, needsConfirmation: true },
  });
}

const CONTACT_FIELDS = ["name", "jobTitle", "email", "needsConfirmation"] as const;

/**
 * Saving a contact as HR or an admin also confirms one a reporter added inline. Null when
 * the contact is not one of this account's.
 */
export function saveContact(
  db: Db,
  accountId: string,
  contactId: string | null,
  input: ContactInput,
  actorId: string,
): Promise<{ id: string } | null> {
  const data = {
    name: input.name,
    jobTitle: input.jobTitle || null,
    email: input.email || null,
    needsConfirmation: false,
  };
  return db.$transaction(async (tx) => {
    if (!contactId) {
      const created = await tx.customerContact.create({
        data: { ...data, accountId },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId,
        action: "CONTACT_ADDED",
        subjectType: "CONTACT",
        subjectId: created.id,
        data: { name: data.name, jobTitle: data.jobTitle, email: data.email },
      });
      return created;
    }
    const before = await tx.customerContact.findFirst({
      where: { id: contactId, accountId },
      select: { name: true, jobTitle: true, email: true, needsConfirmation: true },
    });
    if (!before) return null;
    await tx.customerContact.update({ where: { id: contactId }, data });
    const changes = auditDiff(before, data, CONTACT_FIELDS);
    if (hasChanges(changes)) {
      await recordAudit(tx, {
        actorId,
        action: "CONTACT_UPDATED",
        subjectType: "CONTACT",
        subjectId: contactId,
        data: changes,
      });
    }
    return { id: contactId };
  });
}
