import type { TFunction } from "i18next";
import { minutesLeft } from "~/domain/deadlines";
import { mayOwnAction } from "~/domain/case-rules";
import { SUPPORT_KINDS, type Role, type SupportKind } from "~/domain/vocabulary";
import type { Db } from "~/utils/db.server";
import { formatMoney } from "~/utils/format";
import { listCaseMessages } from "./case-message.server";
import { witnessesOfCase } from "./case-support.server";
import { eligibleCasePerson } from "./case-picker.server";
import { decisionApprovers } from "./decision.server";
import { getIncidentForHandler } from "./incident.server";
import { isAssessed } from "./incident-handling.server";
import { getTimelineItems } from "./timeline-view.server";

/** The reporter and the colleagues named in the report: never owners, approvers or witnesses. */
export async function casePeople(db: Db, incidentId: string) {
  const facts = await db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      reporterId: true,
      namedUsers: { select: { userId: true } },
      account: { select: { ownerId: true } },
    },
  });
  return {
    reporterId: facts.reporterId,
    namedUserIds: facts.namedUsers.map((n) => n.userId),
    accountOwnerId: facts.account.ownerId,
  };
}

/** Whether this person may own an action on this case (see `mayOwnAction`). */
export async function mayOwnActionOnCase(db: Db, incidentId: string, ownerId: string) {
  const [facts, person] = await Promise.all([
    casePeople(db, incidentId),
    db.user.findUnique({ where: { id: ownerId }, select: { id: true, role: true, active: true } }),
  ]);
  return !!person && mayOwnAction({ ...person, role: person.role as Role }, facts);
}

/**
 * Everything the case page shows a handler, in one place (the route only checks access). Words
 * are the page's: the timeline's sentences come in the reader's language (`t`), and amounts are
 * formatted in it (`language`); everything else is codes and values.
 */
export async function getCasePage(
  db: Db,
  id: string,
  viewer: { id: string; role: Role },
  reader: { t: TFunction; language: string },
) {
  const incident = await getIncidentForHandler(db, id);
  // No list of people: the pickers ask /resources/case-people as the handler types (decision
  // 125). The page only says whether the viewer may pick themselves, for a quick "me".
  const facts = await casePeople(db, id);
  const [allEvents, meAsOwner, meAsHandler, approvers, assessed] = await Promise.all([
    getTimelineItems(db, id, { forReporter: false, t: reader.t }),
    eligibleCasePerson(db, id, { pick: "owner", userId: viewer.id, viewerId: viewer.id }),
    eligibleCasePerson(db, id, { pick: "handler", userId: viewer.id, viewerId: viewer.id }),
    // Only leadership and HR approve (decision 055): tens of people, so still a plain list.
    decisionApprovers(db, {
      excludeIds: [
        facts.reporterId,
        ...facts.namedUserIds,
        viewer.id,
        ...(facts.accountOwnerId ? [facts.accountOwnerId] : []),
      ],
    }),
    isAssessed(db, id),
  ]);
  const views = allEvents.filter((e) => e.type === "VIEWED");
  const timeline = allEvents.filter((e) => e.type !== "VIEWED");
  // The harm is judged on its own: no commercial figure until severity and categories are
  // assessed. Every handler may then see them (manager on their case, HR, leadership).
  const account = assessed
    ? await db.customerAccount.findUniqueOrThrow({
        where: { id: incident.account.id },
        select: {
          arrMinor: true,
          contractValueMinor: true,
          currency: true,
          renewalDate: true,
          paymentStatus: true,
          daysOverdue: true,
          conductStatus: true,
          // The latest decision on the account, whichever case (or none) it came from: its
          // kind and date only; the rationale stays with those who took it.
          decisions: {
            where: { status: "APPROVED" },
            orderBy: { createdAt: "desc" },
            take: 1,
            select: { decision: true, createdAt: true },
          },
        },
      })
    : null;
  const [actions, decisions, messages, evidence, people2, witnesses] = await Promise.all([
    db.action.findMany({
      where: { incidentId: id },
      orderBy: { createdAt: "asc" },
      take: 200,
      select: {
        id: true,
        catalogue: true,
        type: true,
        status: true,
        outcome: true,
        reason: true,
        dueAt: true,
        ownerId: true,
        owner: { select: { name: true } },
      },
    }),
    db.decision.findMany({
      where: { incidentId: id },
      orderBy: { createdAt: "asc" },
      take: 100,
      select: {
        id: true,
        decision: true,
        rationale: true,
        employeesConsulted: true,
        createdAt: true,
        status: true,
        approver: { select: { name: true } },
      },
    }),
    listCaseMessages(db, id),
    db.evidence.findMany({
      where: { incidentId: id },
      orderBy: { createdAt: "asc" },
      take: 200,
      select: { id: true, fileName: true, sizeBytes: true, sha256: true },
    }),
    db.incident.findUniqueOrThrow({
      where: { id },
      select: {
        contacts: { select: { contact: { select: { id: true, name: true, jobTitle: true } } } },
        namedUsers: { select: { user: { select: { name: true } } } },
        supportRequests: {
          select: { kind: true, answer: true, answerReason: true, answeredAt: true },
        },
      },
    }),
    witnessesOfCase(db, id),
  ]);
  const now = new Date();
  const support = [...people2.supportRequests].sort(
    (a, b) =>
      SUPPORT_KINDS.indexOf(a.kind as SupportKind) - SUPPORT_KINDS.indexOf(b.kind as SupportKind),
  );
  return {
    canExport: viewer.role === "HR",
    messages: messages.map((m) => ({
      id: m.id,
      body: m.body,
      at: m.createdAt.toISOString(),
      authorName: m.authorName,
    })),
    evidence,
    /** The viewer, when they may own an action or take the case over (the pickers' "me"). */
    me: {
      id: viewer.id,
      name: (meAsOwner ?? meAsHandler)?.name ?? null,
      owner: !!meAsOwner,
      handler: !!meAsHandler && viewer.id !== incident.assignee?.id,
    },
    approvers: approvers.map((p) => ({ id: p.id, name: p.name, role: p.role })),
    assessed,
    figures: account
      ? {
          arr: formatMoney(account.arrMinor, account.currency, reader.language),
          contractValue: formatMoney(account.contractValueMinor, account.currency, reader.language),
          renewalDate: account.renewalDate?.toISOString() ?? null,
          paymentStatus: account.paymentStatus,
          daysOverdue: account.daysOverdue,
          conductStatus: account.conductStatus,
          lastDecision: account.decisions[0]
            ? {
                decision: account.decisions[0].decision,
                at: account.decisions[0].createdAt.toISOString(),
              }
            : null,
        }
      : null,
    actions: actions.map((a) => ({
      id: a.id,
      catalogue: a.catalogue,
      type: a.type,
      status: a.status,
      outcome: a.outcome,
      reason: a.reason,
      dueAt: a.dueAt?.toISOString() ?? null,
      ownerId: a.ownerId,
      ownerName: a.owner?.name ?? null,
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      rationale: d.rationale,
      consulted: d.employeesConsulted,
      at: d.createdAt.toISOString(),
      approverName: d.approver.name,
      status: d.status,
    })),
    support: support.map((s) => ({
      kind: s.kind,
      answer: s.answer,
      reason: s.answerReason,
      answeredAt: s.answeredAt?.toISOString() ?? null,
    })),
    people: {
      contacts: people2.contacts.map((c) => ({
        id: c.contact.id,
        name: c.contact.name,
        jobTitle: c.contact.jobTitle,
      })),
      named: people2.namedUsers.map((n) => n.user.name),
      witnesses: witnesses.map((w) => ({
        id: w.id,
        name: w.name,
        active: w.active,
        request: w.request
          ? {
              requestedAt: w.request.requestedAt.toISOString(),
              statement: w.request.statement,
              submittedAt: w.request.submittedAt?.toISOString() ?? null,
            }
          : null,
      })),
    },
    incident: {
      reference: incident.reference,
      status: incident.status,
      reporterName: incident.reporter.name,
      assigneeName: incident.assignee?.name ?? null,
      accountName: incident.account.name,
      channel: incident.channel,
      severity: incident.assessedSeverity ?? incident.reporterSeverity,
      reporterSeverity: incident.reporterSeverity,
      categories: incident.categories.map((c) => c.category),
      occurredAt: incident.occurredAt.toISOString(),
      createdAt: incident.createdAt.toISOString(),
      narrative: incident.narrative,
      impact: incident.impact,
      deadlines: incident.deadlines.map((d) => ({
        id: d.id,
        kind: d.kind,
        dueAt: d.dueAt.toISOString(),
        metAt: d.metAt?.toISOString() ?? null,
        met: d.metAt ? (d.metAt <= d.dueAt ? ("onTime" as const) : ("late" as const)) : null,
        minutesLeft: d.metAt ? null : minutesLeft(d.dueAt, now),
      })),
    },
    timeline,
    views: views.map((v) => ({ id: v.id, at: v.at, actorName: v.actorName })),
  };
}

export type CasePageData = Awaited<ReturnType<typeof getCasePage>>;
