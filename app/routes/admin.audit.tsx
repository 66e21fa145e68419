import { can } from "~/domain/permissions";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { inputClass, secondaryButtonClass } from "~/components/ui/field";
import { AUDIT_SUBJECTS, describeAudit, type AuditSubjectType } from "~/domain/audit-text";
import { listAuditEvents, type AuditEntry } from "~/models/audit-log.server";
import { requirePermission, type SessionUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { pageLanguage } from "~/i18n/i18n.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { serverT } from "~/i18n/resources.server";

// Settings history for HR and admins: who changed the deadline policy, calendars, customer
// accounts and contacts, ran a CRM import or sent set-aside mail again, when, and what changed.

const PAGE_SIZE = 100;

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.audit.title");

/** Each subject's name in the page's language (each key written out, for the language files). */
function subjectLabel(t: TFunction, subject: AuditSubjectType): string {
  switch (subject) {
    case "DEADLINE_POLICY":
      return t("admin.audit.subjects.DEADLINE_POLICY");
    case "CALENDAR":
      return t("admin.audit.subjects.CALENDAR");
    case "ACCOUNT":
      return t("admin.audit.subjects.ACCOUNT");
    case "CONTACT":
      return t("admin.audit.subjects.CONTACT");
    case "ACCOUNT_IMPORT":
      return t("admin.audit.subjects.ACCOUNT_IMPORT");
    case "NOTIFICATION":
      return t("admin.audit.subjects.NOTIFICATION");
    case "PERSON":
      return t("admin.audit.subjects.PERSON");
    case "TEAM":
      return t("admin.audit.subjects.TEAM");
    case "PEOPLE_IMPORT":
      return t("admin.audit.subjects.PEOPLE_IMPORT");
    case "API_TOKEN":
      return t("admin.audit.subjects.API_TOKEN");
    case "SETTING":
      return t("admin.audit.subjects.SETTING");
    case "LEGAL_HOLD":
      return t("admin.audit.subjects.LEGAL_HOLD");
    case "RETENTION_POLICY":
      return t("admin.audit.subjects.RETENTION_POLICY");
    case "INCIDENT":
      return t("admin.audit.subjects.INCIDENT");
    case "WEBHOOK":
      return t("admin.audit.subjects.WEBHOOK");
    case "COMPLIANCE_POLICY":
      return t("admin.audit.subjects.COMPLIANCE_POLICY");
    case "RECORDS":
      return t("admin.audit.subjects.RECORDS");
  }
}

const isSubjectType = (v: string | null): v is AuditSubjectType =>
  (AUDIT_SUBJECTS as readonly string[]).includes(v ?? "");

/** Where the subject can be seen, for those who may open it (calendar pages are admin-only). */
function subjectLink(
  e: AuditEntry,
  viewer: SessionUser,
  t: TFunction,
): { to: string; label: string } | null {
  const admin = can(viewer.role, "settings:manage");
  if (e.subjectType === "ACCOUNT" && e.subject && e.subjectId) {
    return {
      to: `/accounts/${e.subjectId}`,
      label: t("admin.audit.openAccount", { name: e.subject.label }),
    };
  }
  if (e.subjectType === "CONTACT" && e.subject?.accountId) {
    return {
      to: `/accounts/${e.subject.accountId}`,
      label: t("admin.audit.openAccount", { name: e.subject.accountName ?? "" }).trim(),
    };
  }
  if (e.subjectType === "CALENDAR" && e.subject && e.subjectId && admin) {
    return {
      to: `/admin/calendars/${e.subjectId}`,
      label: t("admin.audit.openCalendar", { name: e.subject.label }),
    };
  }
  if (e.subjectType === "PERSON" && e.subject && e.subjectId) {
    return {
      to: `/admin/people/${e.subjectId}`,
      label: t("admin.audit.openPerson", { name: e.subject.label }),
    };
  }
  if (e.subjectType === "TEAM" && e.subject && e.subjectId) {
    return {
      to: `/admin/teams/${e.subjectId}`,
      label: t("admin.audit.openTeam", { name: e.subject.label }),
    };
  }
  if (e.subjectType === "WEBHOOK" && e.subject && e.subjectId && admin) {
    return {
      to: `/admin/webhooks/${e.subjectId}`,
      label: t("admin.audit.openWebhook", { name: e.subject.label }),
    };
  }
  if (e.subjectType === "DEADLINE_POLICY" && admin) {
    return { to: "/admin/deadlines", label: t("admin.audit.openPolicy") };
  }
  return null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "settings:view");
  const db = await getDb();
  // The entries are worded here, in the reader's language; the stored rows stay as they are.
  const language = await pageLanguage(request, user.language);
  const t = serverT(language);
  const say =
    language === "en"
      ? undefined
      : (key: string, values?: Record<string, string | number>) => t(key, values ?? {});
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
      who: e.actorName ?? t("admin.audit.formerActor"),
      what: describeAudit(e, {
        subjectLabel: e.subject?.label,
        accountName: e.subject?.accountName,
        names,
        say,
      }),
      link: subjectLink(e, user, t),
    })),
  };
}

export default function SettingsHistory() {
  const { rows, subjectType, total, page, pages, first } = useLoaderData<typeof loader>();
  const { t, dateTime } = useI18n();
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
          {t("admin.audit.title")}
        </h1>
        <p className="mt-2 text-slate-700">{t("admin.audit.intro")}</p>
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <label className="block">
          <span className="block text-sm font-medium">{t("admin.audit.show")}</span>
          <select name="subject" defaultValue={subjectType} className={inputClass}>
            <option value="">{t("admin.audit.allSettings")}</option>
            {AUDIT_SUBJECTS.map((s) => (
              <option key={s} value={s}>
                {subjectLabel(t, s)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={secondaryButtonClass}>
          {t("admin.audit.show")}
        </button>
      </Form>
      <p role="status">
        {total === 0
          ? t("admin.audit.none")
          : t("admin.audit.showing", { first, last: first + rows.length - 1, count: total })}
      </p>
      {rows.length > 0 ? (
        <ol aria-labelledby="history-heading" className="space-y-3">
          {rows.map((r) => (
            <li key={r.id} className="break-words rounded-lg bg-white p-4 shadow-sm">
              <p className="text-sm text-slate-600">
                <time dateTime={r.at}>{dateTime(r.at)}</time> · {r.who}
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
      {pages > 1 ? (
        <nav aria-label={t("admin.audit.pages")} className="flex flex-wrap items-center gap-4">
          {page > 1 ? (
            <Link to={pageHref(page - 1)} className="text-brand-700 underline">
              {t("admin.audit.newer")}
            </Link>
          ) : null}
          <span>{t("admin.audit.pageOf", { page, pages })}</span>
          {page < pages ? (
            <Link to={pageHref(page + 1)} className="text-brand-700 underline">
              {t("admin.audit.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
