import type { Db } from "~/utils/db.server";

/** Accounts to choose from on the report form, by name. */
export function listAccountChoices(db: Db) {
  return db.customerAccount.findMany({
    where: { conductStatus: { not: "TERMINATED" } },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

export function accountExists(db: Db, id: string) {
  return db.customerAccount.findUnique({ where: { id }, select: { id: true } });
}
