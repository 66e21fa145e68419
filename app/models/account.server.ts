import { containsText, type Db } from "~/utils/db.server";

/**
 * The one account (not terminated) whose name is `name`, ignoring case and surrounding spaces;
 * null when none or several are.
 */
export async function accountByName(db: Db, name: string) {
  const wanted = name.trim().toLowerCase();
  if (!wanted || wanted.length > 200) return null;
  const found = await db.customerAccount.findMany({
    where: { conductStatus: { not: "TERMINATED" }, name: containsText(name.trim()) },
    select: { id: true, name: true },
    take: 20,
  });
  const exact = found.filter((a) => a.name.trim().toLowerCase() === wanted);
  return exact.length === 1 ? exact[0]! : null;
}

export function accountExists(db: Db, id: string) {
  return db.customerAccount.findUnique({ where: { id }, select: { id: true } });
}

/** Accounts whose name contains `q` (type-ahead), at most 20. */
export function searchAccountChoices(db: Db, q: string) {
  return db.customerAccount.findMany({
    where: { conductStatus: { not: "TERMINATED" }, ...(q ? { name: containsText(q) } : {}) },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
    take: 20,
  });
}

/** The contacts of an account to choose from on the report form. */
export function listContactChoices(db: Db, accountId: string, q = "") {
  return db.customerContact.findMany({
    where: { accountId, ...(q ? { name: containsText(q) } : {}) },
    orderBy: { name: "asc" },
    select: { id: true, name: true, jobTitle: true },
    take: 200,
  });
}

export function contactBelongsTo(db: Db, contactId: string, accountId: string) {
  return db.customerContact.findFirst({
    where: { id: contactId, accountId },
    select: { id: true },
  });
}
