import type { Viewer } from "~/domain/permissions";
import { PACK_CAP, type DateRange } from "~/domain/regulator-records";
import {
  ACTION_STATUS_LABELS,
  DECISION_LABELS,
  type AccountDecision,
  type ActionStatus,
} from "~/domain/sanctions";
import {
  CATEGORY_LABELS,
  DEADLINE_LABELS,
  OUTCOME_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
  type Category,
  type DeadlineKind,
  type IncidentStatus,
  type Outcome,
  type Severity,
} from "~/domain/vocabulary";
import type { ChainVerdict } from "~/domain/case-chain";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";
import { verifyIncidentChain } from "./case-event.server";
import { actionLabel } from "./case-export.server";
import { createPdf } from "./case-file-pdf.server";
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
  p: { viewer: Viewer & { name: string }; account: string; range: DateRange; now?: Date },
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

  const { doc, writer: w } = await createPdf(`Evidence pack ${account.name}`);
  w.text(`"All reasonable steps" evidence pack`, { size: 16, bold: true });
  w.text(
    `Customer account: ${account.name} (${account.crmId}); conduct status now: ${account.conductStatus}`,
  );
  w.text(
    `Incidents from ${p.range.fromText} to ${p.range.toText}; produced ${d(now)} by ${p.viewer.name}. Confidential: HR and counsel.`,
  );
  if (total > incidents.length)
    w.text(
      `Only the first ${PACK_CAP} of ${total} incidents: choose a shorter range for the rest.`,
    );
  if (leftOutAll > total)
    w.text(`${leftOutAll - total} incident(s) naming the person exporting are left out.`);
  const okChains = chains.filter((c) => c.ok).length;
  w.heading("Tamper evidence");
  w.text(
    chains.length === okChains
      ? `Hash chains verified: all ${chains.length} case timelines are unbroken.`
      : `Hash chains: ${okChains} of ${chains.length} verified; ${chains.length - okChains} BROKEN (listed per case below).`,
  );
  let met = 0;
  let missed = 0;
  for (const i of incidents)
    for (const c of i.deadlines) {
      if (c.breachedAt || (c.metAt && c.metAt > c.dueAt)) missed++;
      else if (c.metAt) met++;
    }
  w.text(`Clocks: ${met} met on time, ${missed} missed (met late or breached).`);

  w.heading(`Decisions on the account (${decisions.length})`);
  if (decisions.length === 0) w.text("None in this range.");
  for (const x of decisions) {
    w.text(
      `${d(x.createdAt)}: ${DECISION_LABELS[x.decision as AccountDecision] ?? x.decision}${x.incident ? ` (case ${x.incident.reference})` : ""}. Proposed by ${x.decidedBy.name}; approver ${x.approver.name}; ${x.status.toLowerCase()}${x.reviewedAt ? ` ${d(x.reviewedAt)}` : ""}. Rationale: ${x.rationale}`,
      { size: 9 },
    );
  }

  w.heading(`Incidents (${incidents.length})`);
  if (incidents.length === 0) w.text("No incidents in this range.");
  incidents.forEach((i, n) => {
    const severity = (i.assessedSeverity ?? i.reporterSeverity) as Severity;
    const chain = chains[n];
    w.text(`${i.reference}: happened ${d(i.occurredAt)}`, { bold: true, size: 10 });
    w.text(
      `${SEVERITY_LABELS[severity] ?? severity}; ${i.categories.map((c) => CATEGORY_LABELS[c.category as Category] ?? c.category).join(", ")}. Reported ${d(i.createdAt)}; acknowledged ${d(i.acknowledgedAt)}; resolved ${d(i.resolvedAt)}. ${STATUS_LABELS[i.status as IncidentStatus] ?? i.status}${i.outcome ? `, ${OUTCOME_LABELS[i.outcome as Outcome] ?? i.outcome}` : ""}.`,
      { size: 9 },
    );
    if (i.actions.length === 0) w.text("Actions: none recorded.", { size: 9 });
    for (const a of i.actions)
      w.text(
        `Action ${d(a.createdAt)}: ${a.catalogue === "PROTECTIVE" ? "protective" : "with the customer"}, ${actionLabel(a.catalogue, a.type)}; owner ${a.owner?.name ?? "-"}; due ${d(a.dueAt)}; ${ACTION_STATUS_LABELS[a.status as ActionStatus] ?? a.status} (last change ${d(a.updatedAt)})`,
        { size: 9 },
      );
    for (const c of i.deadlines) {
      const state = c.breachedAt
        ? `missed (breached ${d(c.breachedAt)})`
        : c.metAt
          ? c.metAt > c.dueAt
            ? `met late ${d(c.metAt)}`
            : `met ${d(c.metAt)}`
          : "running";
      w.text(
        `Clock ${DEADLINE_LABELS[c.kind as DeadlineKind] ?? c.kind}${c.sequence ? ` #${c.sequence + 1}` : ""}: due ${d(c.dueAt)}, ${state}`,
        { size: 9 },
      );
    }
    w.text(
      chain.ok
        ? `Timeline: ${chain.length} events, hash chain verified.`
        : `Timeline: hash chain BROKEN at event ${chain.brokenAtSeq} (${chain.reason}).`,
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
