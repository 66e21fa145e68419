import type { Viewer } from "~/domain/permissions";
import { PACK_CAP, type DateRange } from "~/domain/regulator-records";
import type { Severity } from "~/domain/vocabulary";
import type { ChainVerdict } from "~/domain/case-chain";
import {
  ACTION_STATUS_KEYS,
  CONDUCT_KEYS,
  DECISION_KEYS,
  labelOf,
  OUTCOME_KEYS,
  PROTECTIVE_KEYS,
  SANCTION_KEYS,
} from "~/i18n/hr-labels";
import { hrMessage } from "~/i18n/hr-messages";
import { serverT } from "~/i18n/resources.server";
import { vocabLabel } from "~/i18n/vocabulary";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";
import { verifyIncidentChain } from "./case-event.server";
import { createPdf, pdfLanguage } from "./case-file-pdf.server";
import { handlerScope } from "./incident.server";

// The "all reasonable steps" evidence pack (UK Employment Rights Act 2025 duty on third-party
// harassment): for one customer account and a date range, every incident (at most PACK_CAP),
// what was done and when, the decisions on the account with who proposed and who approved
// them, the clocks met and missed, and each case's hash-chain verification. Everything is read
// first (no transaction held), then the export is recorded in the settings history. No report
// text and no reporter's name: the pack shows what the employer did, by case reference.

const d = (x: Date | null | undefined) =>
  x ? x.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "-";

export type PackResult =
  | { ok: true; pdf: Uint8Array; fileName: string; incidents: number; capped: boolean }
  | { ok: false; error: string };

export async function buildEvidencePack(
  db: Db,
  p: {
    viewer: Viewer & { name: string };
    account: string;
    range: DateRange;
    now?: Date;
    /** The reader's language (the headings'); English when not given. */
    language?: string;
  },
): Promise<PackResult> {
  const now = p.now ?? new Date();
  const target = p.account.trim().slice(0, 200);
  const account = await db.customerAccount.findFirst({
    where: { OR: [{ crmId: target }, { name: target }] },
    select: { id: true, name: true, crmId: true, conductStatus: true },
  });
  if (!account) return { ok: false, error: "There is no account with this CRM id or name." };
  const inRange = { gte: p.range.from, lte: p.range.to };
  const where = { AND: [{ accountId: account.id, occurredAt: inRange }, handlerScope(p.viewer)] };
  const [incidents, total, leftOutAll, decisions] = await Promise.all([
    db.incident.findMany({
      where,
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      take: PACK_CAP,
      select: {
        id: true,
        reference: true,
        occurredAt: true,
        createdAt: true,
        acknowledgedAt: true,
        resolvedAt: true,
        status: true,
        outcome: true,
        reporterSeverity: true,
        assessedSeverity: true,
        categories: { select: { category: true } },
        actions: {
          orderBy: { createdAt: "asc" },
          select: {
            catalogue: true,
            type: true,
            status: true,
            createdAt: true,
            dueAt: true,
            updatedAt: true,
            owner: { select: { name: true } },
          },
        },
        deadlines: {
          orderBy: [{ startedAt: "asc" }, { sequence: "asc" }],
          select: { kind: true, sequence: true, dueAt: true, metAt: true, breachedAt: true },
        },
      },
    }),
    db.incident.count({ where }),
    db.incident.count({ where: { accountId: account.id, occurredAt: inRange } }),
    db.decision.findMany({
      where: { accountId: account.id, createdAt: inRange },
      orderBy: { createdAt: "asc" },
      take: PACK_CAP,
      select: {
        decision: true,
        status: true,
        createdAt: true,
        reviewedAt: true,
        rationale: true,
        decidedBy: { select: { name: true } },
        approver: { select: { name: true } },
        incident: { select: { reference: true } },
      },
    }),
  ]);
  const chains: ChainVerdict[] = [];
  for (const i of incidents) chains.push(await verifyIncidentChain(db, i.id));

  // Headings in the downloader's language; English for Japanese (the font, decision 104).
  const t = serverT(pdfLanguage(p.language));
  const { doc, writer: w } = await createPdf(t("exports.pack.docTitle", { name: account.name }));
  w.text(t("exports.pack.title"), { size: 16, bold: true });
  w.text(
    t("exports.pack.account", {
      name: account.name,
      crmId: account.crmId,
      conduct: labelOf(t, CONDUCT_KEYS, account.conductStatus),
    }),
  );
  w.text(
    t("exports.pack.range", {
      from: p.range.fromText,
      to: p.range.toText,
      date: d(now),
      name: p.viewer.name,
    }),
  );
  if (total > incidents.length) w.text(t("exports.pack.capped", { max: PACK_CAP, total }));
  if (leftOutAll > total) w.text(t("exports.pack.leftOut", { count: leftOutAll - total }));
  const okChains = chains.filter((c) => c.ok).length;
  w.heading(t("exports.caseFile.tamper"));
  w.text(
    chains.length === okChains
      ? t("exports.pack.chainsOk", { count: chains.length })
      : t("exports.pack.chainsBroken", {
          ok: okChains,
          count: chains.length,
          broken: chains.length - okChains,
        }),
  );
  let met = 0;
  let missed = 0;
  for (const i of incidents)
    for (const c of i.deadlines) {
      if (c.breachedAt || (c.metAt && c.metAt > c.dueAt)) missed++;
      else if (c.metAt) met++;
    }
  w.text(t("exports.pack.clocks", { met, missed }));

  w.heading(t("exports.pack.decisions", { count: decisions.length }));
  if (decisions.length === 0) w.text(t("exports.pack.noneInRange"));
  for (const x of decisions) {
    const parts = [
      `${d(x.createdAt)}: ${labelOf(t, DECISION_KEYS, x.decision)}`,
      x.incident ? t("exports.pack.onCase", { reference: x.incident.reference }) : "",
      t("exports.pack.decision", {
        decidedBy: x.decidedBy.name,
        approver: x.approver.name,
        status: x.status.toLowerCase(),
      }),
      x.reviewedAt ? ` ${d(x.reviewedAt)}` : "",
      t("exports.pack.rationale", { rationale: x.rationale }),
    ];
    w.text(parts.join(""), { size: 9 });
  }

  w.heading(t("exports.pack.incidents", { count: incidents.length }));
  if (incidents.length === 0) w.text(t("exports.pack.noIncidents"));
  incidents.forEach((i, n) => {
    const severity = (i.assessedSeverity ?? i.reporterSeverity) as Severity;
    const chain = chains[n];
    w.text(t("exports.pack.incident", { reference: i.reference, date: d(i.occurredAt) }), {
      bold: true,
      size: 10,
    });
    const state = i.outcome
      ? t("exports.pack.statusOutcome", {
          status: vocabLabel(t, "status", i.status),
          outcome: labelOf(t, OUTCOME_KEYS, i.outcome),
        })
      : vocabLabel(t, "status", i.status);
    w.text(
      t("exports.pack.incidentLine", {
        severity: vocabLabel(t, "severity", severity),
        categories: i.categories.map((c) => vocabLabel(t, "category", c.category)).join(", "),
        reported: d(i.createdAt),
        acknowledged: d(i.acknowledgedAt),
        resolved: d(i.resolvedAt),
        state,
      }),
      { size: 9 },
    );
    if (i.actions.length === 0) w.text(t("exports.pack.noActions"), { size: 9 });
    for (const a of i.actions)
      w.text(
        t(a.catalogue === "PROTECTIVE" ? "exports.pack.protective" : "exports.pack.withCustomer", {
          date: d(a.createdAt),
          action: labelOf(
            t,
            a.catalogue === "PROTECTIVE" ? PROTECTIVE_KEYS : SANCTION_KEYS,
            a.type,
          ),
          owner: a.owner?.name ?? "-",
          due: d(a.dueAt),
          status: labelOf(t, ACTION_STATUS_KEYS, a.status),
          changed: d(a.updatedAt),
        }),
        { size: 9 },
      );
    for (const c of i.deadlines) {
      const state = c.breachedAt
        ? t("exports.pack.clockMissed", { date: d(c.breachedAt) })
        : c.metAt
          ? c.metAt > c.dueAt
            ? t("exports.pack.clockLate", { date: d(c.metAt) })
            : t("exports.pack.clockMet", { date: d(c.metAt) })
          : t("exports.pack.clockRunning");
      w.text(
        t("exports.pack.clock", {
          kind: vocabLabel(t, "deadline", c.kind) + (c.sequence ? ` #${c.sequence + 1}` : ""),
          due: d(c.dueAt),
          state,
        }),
        { size: 9 },
      );
    }
    w.text(
      chain.ok
        ? t("exports.pack.timelineOk", { count: chain.length })
        : t("exports.pack.timelineBroken", {
            seq: chain.brokenAtSeq,
            reason: hrMessage(t, chain.reason, pdfLanguage(p.language)),
          }),
      { size: 9, gap: 6 },
    );
  });
  const pdf = await doc.save({ useObjectStreams: false });
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: p.viewer.id,
      action: "RECORDS_EXPORTED",
      subjectType: "RECORDS",
      subjectId: null,
      data: {
        what: `the evidence pack for the account ${account.name}`,
        format: "PDF",
        cases: incidents.length,
        range: `${p.range.fromText} to ${p.range.toText}`,
      },
      at: now,
    }),
  );
  const safe = account.crmId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 40) || "account";
  return {
    ok: true,
    pdf,
    fileName: `evidence-pack_${safe}_${p.range.fromText}_${p.range.toText}.pdf`,
    incidents: incidents.length,
    capped: total > incidents.length,
  };
}
