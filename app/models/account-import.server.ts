import { accountsChangingSegment, segmentsChanged, segmentsChanging } from "./kept-figures.server";
import { parse } from "csv-parse/sync";
import { checkHeader, checkRows, type ImportRow, type RowCheck } from "~/domain/account-import";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";

// The CRM import: parse (csv-parse), check every row, look up owners; write only when asked,
// upserting by CRM id in chunks inside one transaction (docs/crm-import.md).

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const CHUNK = 500;

export type ImportPreview = {
  /** Problems with the file as a whole (unreadable CSV, missing columns). */
  fileErrors: string[];
  rows: RowCheck[];
  /** For valid rows: does the CRM id exist already? */
  existing: Set<string>;
  ownerIds: Map<string, string>;
};

export async function previewImport(db: Db, text: string): Promise<ImportPreview> {
  let records: Record<string, string>[];
  let header: string[] = [];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      columns: (h: string[]) => {
        header = h.map((c) => c.trim().toLowerCase());
        return header;
      },
      skip_empty_lines: true,
      trim: false,
      relax_column_count: false,
    }) as Record<string, string>[];
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return {
      fileErrors: [`The file is not a readable CSV: ${msg}`],
      rows: [],
      existing: new Set(),
      ownerIds: new Map(),
    };
  }
  const fileErrors = checkHeader(header);
  if (records.length === 0) fileErrors.push("The file has no rows under its header.");
  if (fileErrors.length) return { fileErrors, rows: [], existing: new Set(), ownerIds: new Map() };

  const rows = checkRows(records);
  const emails = [
    ...new Set(rows.flatMap((r) => (r.ok && r.row.owner_email ? [r.row.owner_email] : []))),
  ];
  const owners = emails.length
    ? await db.user.findMany({
        where: { email: { in: emails } },
        select: { id: true, email: true },
      })
    : [];
  const ownerIds = new Map(owners.map((o) => [o.email, o.id]));
  const checked: RowCheck[] = rows.map((r) =>
    r.ok && r.row.owner_email && !ownerIds.has(r.row.owner_email)
      ? {
          line: r.line,
          ok: false,
          errors: [`owner_email: Nobody with the email ${r.row.owner_email} uses the portal`],
          raw: r.raw,
        }
      : r,
  );
  const ids = checked.flatMap((r) => (r.ok ? [r.row.crm_id] : []));
  const existing = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const found = await db.customerAccount.findMany({
      where: { crmId: { in: ids.slice(i, i + CHUNK) } },
      select: { crmId: true },
    });
    for (const f of found) existing.add(f.crmId);
  }
  return { fileErrors: [], rows: checked, existing, ownerIds };
}

export type ImportSummary = { created: number; updated: number; rejected: number };

/** The account columns an import row (or an API upsert) sets. */
export function dataFor(row: ImportRow, ownerIds: Map<string, string>) {
  return {
    name: row.name,
    segment: row.segment,
    ownerId: row.owner_email ? (ownerIds.get(row.owner_email) ?? null) : null,
    arrMinor: row.arr,
    contractValueMinor: row.contract_value ?? 0n,
    currency: row.currency,
    contractStart: row.contract_start ?? null,
    contractEnd: row.contract_end ?? null,
    renewalDate: row.renewal_date ?? null,
    noticeDate: row.notice_date ?? null,
    paymentStatus: row.payment_status,
    daysOverdue: row.days_overdue,
  };
}

/**
 * Writes the valid rows of a checked file: creates new CRM ids, updates known ones (their
 * conduct status, review flag and contacts are ours, not the CRM's, and stay as they are).
 * Bad rows are counted as rejected and not written. All or nothing: one transaction, which
 * also records the import (its counts, not its rows) in the settings history.
 */
export async function runImport(
  db: Db,
  text: string,
  actorId: string,
): Promise<ImportSummary & { fileErrors: string[] }> {
  const preview = await previewImport(db, text);
  if (preview.fileErrors.length)
    return { created: 0, updated: 0, rejected: 0, fileErrors: preview.fileErrors };
  const valid = preview.rows.flatMap((r) => (r.ok ? [r.row] : []));
  const rejected = preview.rows.length - valid.length;
  const toCreate = valid.filter((r) => !preview.existing.has(r.crm_id));
  const toUpdate = valid.filter((r) => preview.existing.has(r.crm_id));
  await db.$transaction(
    async (tx) => {
      for (let i = 0; i < toCreate.length; i += CHUNK) {
        await tx.customerAccount.createMany({
          data: toCreate
            .slice(i, i + CHUNK)
            .map((r) => ({ crmId: r.crm_id, ...dataFor(r, preview.ownerIds) })),
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
          // An imported account is a confirmed one.
          data: { ...dataFor(r, preview.ownerIds), needsConfirmation: false },
        });
      }
      await segmentsChanged(tx, moving);
      await recordAudit(tx, {
        actorId,
        action: "ACCOUNTS_IMPORTED",
        subjectType: "ACCOUNT_IMPORT",
        subjectId: null,
        data: { created: toCreate.length, updated: toUpdate.length, rejected },
      });
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
  return { created: toCreate.length, updated: toUpdate.length, rejected, fileErrors: [] };
}
