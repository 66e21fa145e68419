import type { Viewer } from "~/domain/permissions";
import { holdsCovering, keepUntil, ruleFor } from "~/domain/retention";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";
import { appendCaseEvent } from "./case-event.server";
import { handlerScope } from "./incident.server";
import { activeHolds } from "./legal-hold.server";
import { getRetentionRules } from "./retention.server";

// People's data rights (access and erasure). The export holds what the portal keeps about one
// person in each of their parts (reporter, witness, named colleague, handler) and nothing of
// anyone else: no other person's name, email or message. Cases that name the HR person doing
// the export are left out for them (the usual rule), and the archive says how many.

const LIMIT = 1_000; // per part; the archive says when a part was cut short

export function findPerson(db: Db, email: string) {
  return db.user.findFirst({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, name: true, email: true },
  });
}

export async function exportPersonData(db: Db, p: { viewer: Viewer; userId: string; now?: Date }) {
  const scope = handlerScope(p.viewer);
  const person = await db.user.findUniqueOrThrow({
    where: { id: p.userId },
    select: {
      id: true,
      name: true,
      email: true,
      employeeId: true,
      role: true,
      active: true,
      onLeave: true,
      timeZone: true,
      language: true,
      createdAt: true,
      team: { select: { name: true } },
    },
  });
  const caseSelect = {
    id: true,
    reference: true,
    occurredAt: true,
    status: true,
    outcome: true,
    channel: true,
    categories: { select: { category: true } },
  } as const;
  const [reported, witnessed, named, handled, messages, events, withheld] = await Promise.all([
    db.incident.findMany({
      where: { AND: [{ reporterId: p.userId }, scope] },
      orderBy: { occurredAt: "asc" },
      take: LIMIT,
      select: {
        ...caseSelect,
        narrative: true,
        impact: true,
        reporterSeverity: true,
        supportRequests: { select: { kind: true } },
        evidence: {
          where: { uploadedById: p.userId },
          select: {
            fileName: true,
            mimeType: true,
            sizeBytes: true,
            sha256: true,
            createdAt: true,
          },
        },
      },
    }),
    db.incident.findMany({
      where: { AND: [{ witnesses: { some: { userId: p.userId } } }, scope] },
      take: LIMIT,
      select: caseSelect,
    }),
    db.incident.findMany({
      where: { AND: [{ namedUsers: { some: { userId: p.userId } } }, scope] },
      take: LIMIT,
      select: caseSelect,
    }),
    db.incident.findMany({
      where: {
        AND: [
          { OR: [{ assigneeId: p.userId }, { participants: { some: { userId: p.userId } } }] },
          scope,
        ],
      },
      take: LIMIT,
      select: {
        ...caseSelect,
        participants: { where: { userId: p.userId }, select: { role: true } },
      },
    }),
    db.caseMessage.findMany({
      where: { authorId: p.userId, incident: scope },
      orderBy: { createdAt: "asc" },
      take: LIMIT,
      select: { body: true, createdAt: true, incident: { select: { reference: true } } },
    }),
    // What they did on timelines: the kind and time only (an event's data can name others).
    db.caseEvent.findMany({
      where: { actorId: p.userId, incident: scope },
      orderBy: { at: "asc" },
      take: LIMIT,
      select: { type: true, at: true, incident: { select: { reference: true } } },
    }),
    db.incident.count({
      where: {
        AND: [
          {
            OR: [
              { reporterId: p.userId },
              { witnesses: { some: { userId: p.userId } } },
              { namedUsers: { some: { userId: p.userId } } },
            ],
          },
          { NOT: scope },
        ],
      },
    }),
  ]);
  // Statements they wrote as a witness (the request names only the case's reference).
  const statements = await db.witnessStatement.findMany({
    where: { witnessId: p.userId, statement: { not: null } },
    orderBy: { requestedAt: "asc" },
    take: LIMIT,
    select: { incidentId: true, statement: true, submittedAt: true },
  });
  const statementCases = new Map(
    (
      await db.incident.findMany({
        where: { id: { in: statements.map((w) => w.incidentId) } },
        select: { id: true, reference: true },
      })
    ).map((c) => [c.id, c.reference]),
  );
  const at = p.now ?? new Date();
  const brief = (c: (typeof witnessed)[number]) => ({
    reference: c.reference,
    occurredAt: c.occurredAt.toISOString(),
    status: c.status,
    outcome: c.outcome,
    channel: c.channel,
    categories: c.categories.map((x) => x.category),
  });
  const archive = {
    about: { id: person.id, name: person.name },
    producedAt: at.toISOString(),
    summary: [
      `Everything the incident portal holds about ${person.name} (${person.email}), produced ${at.toISOString()}.`,
      `Reported ${reported.length} case(s); a witness in ${witnessed.length}; named in ${named.length}; handled ${handled.length}.`,
      `${messages.length} message(s) written and ${events.length} timeline step(s) taken by them.`,
      "Other people's personal data is left out: no other person's name, email or messages.",
      ...(withheld
        ? [
            `${withheld} case(s) name the person who produced this export and are left out: ask another HR colleague.`,
          ]
        : []),
    ],
    profile: {
      name: person.name,
      email: person.email,
      employeeId: person.employeeId,
      role: person.role,
      team: person.team?.name ?? null,
      active: person.active,
      onLeave: person.onLeave,
      timeZone: person.timeZone,
      language: person.language,
      createdAt: person.createdAt.toISOString(),
    },
    asReporter: reported.map((c) => ({
      ...brief(c),
      severity: c.reporterSeverity,
      narrative: c.narrative || "(removed under the retention rules)",
      impact: c.impact,
      supportAskedFor: c.supportRequests.map((s) => s.kind),
      evidenceUploaded: c.evidence.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    })),
    asWitness: witnessed.map(brief),
    asNamedColleague: named.map(brief),
    asHandler: handled.map((c) => ({ ...brief(c), roles: c.participants.map((x) => x.role) })),
    witnessStatementsWritten: statements.map((w) => ({
      case: statementCases.get(w.incidentId) ?? null,
      at: w.submittedAt?.toISOString() ?? null,
      statement: w.statement,
    })),
    messagesWritten: messages.map((m) => ({
      case: m.incident.reference,
      at: m.createdAt.toISOString(),
      body: m.body,
    })),
    timelineSteps: events.map((e) => ({
      case: e.incident.reference,
      type: e.type,
      at: e.at.toISOString(),
    })),
  };
  // Recorded afterwards in short transactions: the reads above held no lock.
  const caseIds = [...new Set([...reported, ...witnessed, ...named, ...handled].map((c) => c.id))];
  for (let i = 0; i < caseIds.length; i += 100) {
    await db.$transaction(async (tx) => {
      for (const incidentId of caseIds.slice(i, i + 100))
        await appendCaseEvent(tx, {
          incidentId,
          type: "EXPORTED",
          actorId: p.viewer.id,
          at,
          data: { what: "one person's data (data-rights request)", format: "json" },
        });
    });
  }
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actorId: p.viewer.id,
      action: "PERSON_DATA_EXPORTED",
      subjectType: "PERSON",
      subjectId: person.id,
      data: { cases: caseIds.length },
      at,
    }),
  );
  return archive;
}

export type ErasureResult = { ok: true } | { ok: false; reasons: string[] };

/**
 * Erases a person where nothing stands in the way: their profile is anonymised and they are
 * signed out. Refused, with every reason, while a legal hold covers them or one of their cases,
 * or while a case they are part of must still be kept (open, or within its retention period).
 */
export async function erasePerson(
  db: Db,
  p: { actorId: string; userId: string; now?: Date },
): Promise<ErasureResult> {
  const at = p.now ?? new Date();
  const rules = await getRetentionRules(db);
  const mine = {
    OR: [
      { reporterId: p.userId },
      { witnesses: { some: { userId: p.userId } } },
      { namedUsers: { some: { userId: p.userId } } },
    ],
  };
  return db.$transaction(async (tx) => {
    const holds = await activeHolds(tx);
    const cases = await tx.incident.findMany({
      where: { AND: [mine, { narrative: { not: "" } }] },
      orderBy: { occurredAt: "asc" },
      take: 50,
      select: {
        id: true,
        reference: true,
        accountId: true,
        reporterId: true,
        status: true,
        outcome: true,
        resolvedAt: true,
      },
    });
    const reasons: string[] = [];
    for (const h of holds)
      if (h.scope === "EMPLOYEE" && h.userId === p.userId)
        reasons.push(`A legal hold covers this person (matter: ${h.matter}).`);
    for (const c of cases) {
      const held = holdsCovering(holds, c);
      if (held.length)
        reasons.push(
          `${c.reference} is under a legal hold (matter: ${held.map((h) => h.matter).join(", ")}).`,
        );
      else if (c.status !== "RESOLVED" || !c.resolvedAt)
        reasons.push(`${c.reference} is still open.`);
      else {
        const rule = ruleFor(rules, c.outcome);
        reasons.push(
          `${c.reference} must be kept until ${keepUntil(c.resolvedAt, rule.years).toISOString().slice(0, 10)} (${rule.text}).`,
        );
      }
    }
    if (reasons.length) {
      await recordAudit(tx, {
        actorId: p.actorId,
        action: "PERSON_ERASURE_REFUSED",
        subjectType: "PERSON",
        subjectId: p.userId,
        data: { reason: reasons.join(" ") },
        at,
      });
      return { ok: false as const, reasons };
    }
    await tx.user.update({
      where: { id: p.userId },
      data: {
        name: "Erased person",
        email: `erased-${p.userId}@erased.invalid`,
        employeeId: null,
        passwordHash: "",
        active: false,
      },
    });
    await tx.session.deleteMany({ where: { userId: p.userId } });
    await recordAudit(tx, {
      actorId: p.actorId,
      action: "PERSON_ERASED",
      subjectType: "PERSON",
      subjectId: p.userId,
      data: { cases: 0 },
      at,
    });
    return { ok: true as const };
  });
}
