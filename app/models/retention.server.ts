import { refreshIncidentAccount } from "./kept-figures.server";
import { auditDiff, hasChanges } from "~/domain/audit-diff";
import {
  holdsCovering,
  keepUntil,
  resolvedBefore,
  RETENTION_DEFAULTS,
  RETENTION_FIELDS,
  ruleFor,
  sha256,
  type ActiveHold,
  type RetentionRules,
} from "~/domain/retention";
import { OUTCOMES } from "~/domain/vocabulary";
import type { Db, Prisma, Tx } from "~/utils/db.server";
import { discardEvidence } from "~/utils/evidence-storage.server";
import { recordAudit } from "./audit-log.server";
import { appendCaseEvent, verifyIncidentChain } from "./case-event.server";
import { activeHolds } from "./legal-hold.server";

// Retention: the rules admins set, the cases due under them, and the purge itself. A purge
// removes a case's content but never its timeline: it appends a RETENTION_PURGED tombstone
// to the hash chain naming the rule and the SHA-256 of everything removed, so the chain still
// verifies and shows the purge. A purged case's narrative is "" (a filed report never has an
// empty one), which is how the due-case query skips it.

const POLICY_ID = "default";
const FIELD_NAMES = RETENTION_FIELDS.map((f) => f.name);

export async function getRetentionRules(db: Db | Tx): Promise<RetentionRules & { saved: boolean }> {
  const row = await db.retentionPolicy.findUnique({ where: { id: POLICY_ID } });
  if (!row) return { ...RETENTION_DEFAULTS, saved: false };
  const rules = { ...RETENTION_DEFAULTS };
  for (const f of FIELD_NAMES) rules[f] = row[f];
  return { ...rules, saved: true };
}

export async function saveRetentionRules(
  db: Db,
  p: { actorId: string; rules: RetentionRules; now?: Date },
) {
  return db.$transaction((tx) => saveRetentionRulesIn(tx, p));
}

/** saveRetentionRules inside a caller's transaction (jurisdiction templates write it with more). */
export async function saveRetentionRulesIn(
  tx: Tx,
  p: { actorId: string; rules: RetentionRules; now?: Date },
) {
  const at = p.now ?? new Date();
  const before = await tx.retentionPolicy.findUnique({ where: { id: POLICY_ID } });
  const changes = auditDiff(before ?? RETENTION_DEFAULTS, p.rules, FIELD_NAMES);
  await tx.retentionPolicy.upsert({
    where: { id: POLICY_ID },
    create: { id: POLICY_ID, ...p.rules, updatedAt: at },
    update: { ...p.rules, updatedAt: at },
  });
  if (hasChanges(changes) || !before)
    await recordAudit(tx, {
      actorId: p.actorId,
      action: "RETENTION_POLICY_SAVED",
      subjectType: "RETENTION_POLICY",
      subjectId: POLICY_ID,
      data: changes,
      at,
    });
}

/** Resolved, not yet purged cases whose keeping period has ended at `now`. */
export function dueWhere(rules: RetentionRules, now: Date): Prisma.IncidentWhereInput {
  const byOutcome = OUTCOMES.map((o) => ({
    outcome: o,
    resolvedAt: { lt: resolvedBefore(now, ruleFor(rules, o).years) },
  }));
  return {
    status: "RESOLVED",
    narrative: { not: "" },
    OR: [
      ...byOutcome,
      {
        outcome: { notIn: [...OUTCOMES] },
        resolvedAt: { lt: resolvedBefore(now, rules.defaultYears) },
      },
      { outcome: null, resolvedAt: { lt: resolvedBefore(now, rules.defaultYears) } },
    ],
  };
}

const DUE_SELECT = {
  id: true,
  reference: true,
  accountId: true,
  reporterId: true,
  outcome: true,
  resolvedAt: true,
} as const;
type DueCase = Prisma.IncidentGetPayload<{ select: typeof DUE_SELECT }>;

export const PREVIEW_LIMIT = 200;

/** What the next run would do: the due cases (up to PREVIEW_LIMIT), each with its rule or hold. */
export async function previewPurge(db: Db, now = new Date()) {
  const rules = await getRetentionRules(db);
  const where = dueWhere(rules, now);
  const [rows, total, holds] = await Promise.all([
    db.incident.findMany({
      where,
      orderBy: [{ resolvedAt: "asc" }, { id: "asc" }],
      take: PREVIEW_LIMIT,
      select: DUE_SELECT,
    }),
    db.incident.count({ where }),
    activeHolds(db),
  ]);
  return {
    total,
    cases: rows.map((c) => {
      const rule = ruleFor(rules, c.outcome);
      return {
        reference: c.reference,
        resolvedAt: c.resolvedAt,
        keptUntil: c.resolvedAt ? keepUntil(c.resolvedAt, rule.years) : null,
        rule: rule.text,
        // The page words the rule in its reader's language from these two.
        outcome: rule.outcome,
        years: rule.years,
        heldBy: holdsCovering(holds, c).map((h) => h.matter),
      };
    }),
  };
}

export type PurgeOutcome =
  | { status: "purged"; seq: number }
  | { status: "held"; matters: string[] }
  | { status: "refused"; reason: string };

/**
 * Purges one case: checks its chain first (a broken chain is refused and logged, never papered
 * over by a tombstone), then in one transaction re-checks the holds, removes the content and
 * appends the tombstone. Evidence files are deleted after the commit.
 */
export async function purgeCase(
  db: Db,
  c: DueCase,
  rules: RetentionRules,
  now: Date,
): Promise<PurgeOutcome> {
  const rule = ruleFor(rules, c.outcome);
  const verdict = await verifyIncidentChain(db, c.id);
  if (!verdict.ok) {
    const reason = `its timeline does not verify (event ${verdict.brokenAtSeq}: ${verdict.reason})`;
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actorId: null,
        action: "RETENTION_PURGE_REFUSED",
        subjectType: "INCIDENT",
        subjectId: c.id,
        data: { reference: c.reference, reason },
        at: now,
      }),
    );
    return { status: "refused", reason };
  }
  const result = await db.$transaction(async (tx) => {
    // Holds are read again inside the transaction: one placed since the page was read wins.
    const held = holdsCovering(await activeHolds(tx), c);
    if (held.length) return { status: "held" as const, matters: held.map((h) => h.matter) };
    const incident = await tx.incident.findUniqueOrThrow({
      where: { id: c.id },
      select: { narrative: true, impact: true },
    });
    if (incident.narrative === "") return { status: "held" as const, matters: [] }; // done already
    const [messages, evidence, witnesses, contacts, support, statements] = await Promise.all([
      tx.caseMessage.findMany({ where: { incidentId: c.id }, select: { id: true, body: true } }),
      tx.evidence.findMany({
        where: { incidentId: c.id },
        select: { id: true, sha256: true, storedName: true, sizeBytes: true },
      }),
      tx.incidentWitness.findMany({ where: { incidentId: c.id }, select: { userId: true } }),
      tx.incidentContact.findMany({ where: { incidentId: c.id }, select: { contactId: true } }),
      tx.incidentSupportRequest.findMany({ where: { incidentId: c.id }, select: { kind: true } }),
      tx.witnessStatement.findMany({
        where: { incidentId: c.id },
        select: { id: true, statement: true },
      }),
    ]);
    await tx.caseMessage.deleteMany({ where: { incidentId: c.id } });
    await tx.evidence.deleteMany({ where: { incidentId: c.id } });
    await tx.incidentWitness.deleteMany({ where: { incidentId: c.id } });
    await tx.incidentContact.deleteMany({ where: { incidentId: c.id } });
    // Detached contacts no longer count as repeat contacts (kept figures, decision 115).
    await refreshIncidentAccount(tx, c.id);
    await tx.incidentSupportRequest.deleteMany({ where: { incidentId: c.id } });
    await tx.witnessStatement.deleteMany({ where: { incidentId: c.id } });
    await tx.incident.update({
      where: { id: c.id },
      data: { narrative: "", impact: null, submissionKey: null },
    });
    const removed = {
      narrative: { sha256: sha256(incident.narrative), chars: incident.narrative.length },
      impact: incident.impact ? { sha256: sha256(incident.impact) } : null,
      messages: messages.map((m) => ({ id: m.id, sha256: sha256(m.body) })),
      evidence: evidence.map((e) => ({ id: e.id, sha256: e.sha256, sizeBytes: e.sizeBytes })),
      witnesses: witnesses.length,
      customerContacts: contacts.length,
      supportRequests: support.length,
      witnessStatements: statements.map((w) => ({
        id: w.id,
        sha256: w.statement === null ? null : sha256(w.statement),
      })),
      // The ids removed, hashed together: proof of what was linked without keeping who.
      peopleSha256: sha256(
        JSON.stringify([witnesses.map((w) => w.userId), contacts.map((x) => x.contactId)]),
      ),
    };
    const event = await appendCaseEvent(tx, {
      incidentId: c.id,
      type: "RETENTION_PURGED",
      actorId: null,
      at: now,
      data: {
        rule: rule.text,
        outcome: c.outcome,
        resolvedAt: c.resolvedAt?.toISOString() ?? null,
        removed,
        kept: "the timeline (hash chain), reference, dates, categories, status and outcome",
      },
    });
    await tx.retentionPurge.create({
      data: { incidentId: c.id, purgedAt: now, rule: rule.text, eventSeq: event.seq },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "RETENTION_PURGED",
      subjectType: "INCIDENT",
      subjectId: c.id,
      data: { reference: c.reference, rule: rule.text, seq: event.seq },
      at: now,
    });
    return { status: "purged" as const, seq: event.seq, files: evidence };
  });
  if (result.status !== "purged") return result;
  await discardEvidence(result.files);
  return { status: "purged", seq: result.seq };
}

export type RetentionRun = { purged: number; held: number; refused: number };

/** The worker's retention pass: every due case, a page at a time, one transaction per case. */
export async function runRetention(
  db: Db,
  opts: { now?: Date; log?: (msg: string) => void } = {},
): Promise<RetentionRun> {
  const now = opts.now ?? new Date();
  const rules = await getRetentionRules(db);
  const run: RetentionRun = { purged: 0, held: 0, refused: 0 };
  let cursor: string | undefined;
  for (;;) {
    const page: DueCase[] = await db.incident.findMany({
      where: dueWhere(rules, now),
      orderBy: { id: "asc" },
      take: 100,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: DUE_SELECT,
    });
    for (const c of page) {
      const r = await purgeCase(db, c, rules, now);
      if (r.status === "purged") run.purged++;
      else if (r.status === "held") run.held++;
      else {
        run.refused++;
        opts.log?.(`retention: ${c.reference} not purged: ${r.reason}`);
      }
    }
    if (page.length < 100) break;
    cursor = page[page.length - 1].id;
  }
  return run;
}

export type { ActiveHold };
