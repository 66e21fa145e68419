import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseList } from "~/components/case-list";
import { ACTION_STATUS_KEYS, labelOf, PROTECTIVE_KEYS, historyTitle } from "~/i18n/hr-labels";
import { useI18n } from "~/i18n/react";
import { listCases, supportGiven, toListItems } from "~/models/case-history.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  historyTitle(matches, data?.employee.name);

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

// HR: everything an employee reported, the outcomes, and the support they were given.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const db = await getDb();
  const employee = await db.user.findUnique({
    where: { id: params.id ?? "" },
    select: { id: true, name: true, team: { select: { name: true } } },
  });
  if (!employee) throw notFound();
  const [cases, support] = await Promise.all([
    listCases(db, user, { reporterId: employee.id }),
    supportGiven(db, user, employee.id),
  ]);
  return {
    employee: { name: employee.name, team: employee.team?.name ?? null },
    cases: toListItems(cases),
    support: support.map((s) => ({
      id: s.id,
      type: s.type,
      status: s.status,
      outcome: s.outcome,
      at: s.createdAt.toISOString(),
      reference: s.incident?.reference ?? "",
    })),
  };
}

export default function EmployeeHistory() {
  const { employee, cases, support } = useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("hr.history.title", { name: employee.name })}</h1>
      {employee.team ? <p>{t("hr.employee.team", { team: employee.team })}</p> : null}
      <section aria-labelledby="reported-heading" className="space-y-2">
        <h2 id="reported-heading" className="text-lg font-semibold">
          {t("hr.employee.reported", { count: cases.length })}
        </h2>
        <CaseList items={cases} caption={t("hr.employee.caption", { name: employee.name })} />
      </section>
      <section aria-labelledby="support-heading" className="space-y-2">
        <h2 id="support-heading" className="text-lg font-semibold">
          {t("hr.employee.support")}
        </h2>
        {support.length === 0 ? (
          <p className="text-slate-600">{t("hr.employee.noSupport")}</p>
        ) : (
          <ul className="space-y-1">
            {support.map((s) => (
              <li key={s.id}>
                {t(s.outcome ? "hr.employee.measureWithOutcome" : "hr.employee.measure", {
                  date: date(s.at),
                  reference: s.reference,
                  measure: labelOf(t, PROTECTIVE_KEYS, s.type),
                  status: labelOf(t, ACTION_STATUS_KEYS, s.status),
                  outcome: s.outcome ?? "",
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
