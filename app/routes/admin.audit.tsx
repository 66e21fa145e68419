import { can } from "~/domain/permissions";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageCount, Pager } from "~/components/pager";
import { inputClass, secondaryButtonClass } from "~/components/ui/field";
import { AUDIT_SUBJECTS, describeAudit, type AuditSubjectType } from "~/domain/audit-text";
import { listAuditEvents, type AuditEntry } from "~/models/audit-log.server";
import { requirePermission, type SessionUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";

// Settings history for HR and admins: who changed the deadline policy, calendars, customer
// accounts and contacts, ran a CRM import or sent set-aside mail again, when, and what changed.

const PAGE_SIZE = 100;

export const meta: MetaFunction = () => [{ title: "Settings history · Incident portal" }];

const SUBJECT_LABELS: Record<AuditSubjectType, string> = {
  DEADLINE_POLICY: "Deadline policy",
  CALENDAR: "Business calendars",
  ACCOUNT: "Customer accounts",
  CONTACT: "Customer contacts",
  ACCOUNT_IMPORT: "CRM imports",
  NOTIFICATION: "Set-aside mail",
  PERSON: "People",
  TEAM: "Teams",
  PEOPLE_IMPORT: "People imports",
  API_TOKEN: "API tokens and what they saved",
  SETTING: "Critical-report guidance",
  LEGAL_HOLD: "Legal holds",
  RETENTION_POLICY: "Retention rules",
  INCIDENT: "Cases (retention and data rights)",
  WEBHOOK: "Webhooks",
  COMPLIANCE_POLICY: "Jurisdiction templates and categories",
  RECORDS: "Regulator and counsel records",
};

const isSubjectType = (v: string | null): v is AuditSubjectType =>
  (AUDIT_SUBJECTS as readonly string[]).includes(v ?? "");

/** Where the subject can be seen, for those who may open it (calendar pages are admin-only). */
function subjectLink(e: AuditEntry, viewer: SessionUser): { to: string; label: string } | null {
  const admin = can(viewer.role, "settings:manage");
  if (e.subjectType === "ACCOUNT" && e.subject && e.subjectId) {
    return { to: `/accounts/${e.subjectId}`, label: `Open the account ${e.subject.label}` };
  }
  if (e.subjectType === "CONTACT" && e.subject?.accountId) {
    return {
      to: `/accounts/${e.subject.accountId}`,
      label: `Open the account ${e.subject.accountName ?? ""}`.trim(),
    };
  }
  if (e.subjectType === "CALENDAR" && e.subject && e.subjectId && admin) {
    return { to: `/admin/calendars/${e.subjectId}`, label: `Open the calendar ${e.subject.label}` };
  }
  if (e.subjectType === "PERSON" && e.subject && e.subjectId) {
    return { to: `/admin/people/${e.subjectId}`, label: `Open ${e.subject.label}` };
  }
  if (e.subjectType === "TEAM" && e.subject && e.subjectId) {
    return { to: `/admin/teams/${e.subjectId}`, label: `Open the team ${e.subject.label}` };
  }
  if (e.subjectType === "WEBHOOK" && e.subject && e.subjectId && admin) {
    return { to: `/admin/webhooks/${e.subjectId}`, label: `Open the webhook ${e.subject.label}` };
  }
  if (e.subjectType === "DEADLINE_POLICY" && admin) {
    return { to: "/admin/deadlines", label: "Open the deadline policy" };
  }
  return null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "settings:view");
  const db = await getDb();
  const url = new URL(request.url);
  const subjectParam = url.searchParams.get("subject");
  const subjectType = isSubjectType(subjectParam) ? subjectParam : undefined;
  // Capped so a made-up page number cannot reach the database as an absurd offset.
  const requested = Math.min(
    100_000,
    Math.max(1, Number.parseInt(url.searchParams.get("page") ?? "", 10) || 1),
  );
  let { total, events, names } = await listAuditEvents(db, {
    take: PAGE_SIZE,
    skip: (requested - 1) * PAGE_SIZE,
    subjectType,
  });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // A page past the end (an old link): show the last one rather than nothing.
  const page = Math.min(pages, requested);
  if (page !== requested) {
    ({ total, events, names } = await listAuditEvents(db, {
      take: PAGE_SIZE,
      skip: (page - 1) * PAGE_SIZE,
      subjectType,
    }));
  }
  return {
    subjectType: subjectType ?? "",
    total,
    page,
    pages,
    first: total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1,
    rows: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      who: e.actorName ?? "Someone no longer in the portal",
      what: describeAudit(e, {
        subjectLabel: e.subject?.label,
        accountName: e.subject?.accountName,
        names,
      }),
      link: subjectLink(e, user),
    })),
  };
}

export default function SettingsHistory() {
  const { rows, subjectType, total, page, pages, first } = useLoaderData<typeof loader>();
  const pageHref = (n: number) => {
    const params = new URLSearchParams();
    if (subjectType) params.set("subject", subjectType);
    params.set("page", String(n));
    return `?${params}`;
  };
  return (
    <div className="space-y-6">
      <div>
        <h1 id="history-heading" className="text-2xl font-semibold">
          Settings history
        </h1>
        <p className="mt-2 text-slate-700">
          Who changed the deadline policy, business calendars, customer accounts and contacts, ran a
          CRM import or sent set-aside mail again; when, and what changed. Entries cannot be edited.
        </p>
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="block">
          <span className="block text-sm font-medium">Show</span>
          <select name="subject" defaultValue={subjectType} className={inputClass}>
            <option value="">All settings</option>
            {AUDIT_SUBJECTS.map((s) => (
              <option key={s} value={s}>
                {SUBJECT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={secondaryButtonClass}>
          Show
        </button>
      </Form>
      <PageCount
        first={first}
        shown={rows.length}
        total={total}
        noun={["change", "changes"]}
        empty="No changes recorded yet."
      />
      {rows.length > 0 ? (
        <ol aria-labelledby="history-heading" className="space-y-3">
          {rows.map((r) => (
            <li key={r.id} className="break-words rounded-lg bg-white p-4 shadow-sm">
              <p className="text-sm text-slate-600">
                <time dateTime={r.at}>{formatDateTime(r.at)}</time> · {r.who}
              </p>
              <p className="mt-1">{r.what}</p>
              {r.link ? (
                <p className="mt-1 text-sm">
                  <Link to={r.link.to} className="text-brand-700 underline">
                    {r.link.label}
                  </Link>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      <Pager page={page} pages={pages} hrefFor={pageHref} noun="changes" />
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
