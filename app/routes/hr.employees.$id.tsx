import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseList } from "~/components/case-list";
import { ACTION_STATUS_LABELS, type ActionStatus } from "~/domain/sanctions";
import { PROTECTIVE_MEASURE_LABELS, type ProtectiveMeasure } from "~/domain/vocabulary";
import { listCases, supportGiven, toListItems } from "~/models/case-history.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.employee.name ?? "Employee"} · History · Incident portal` },
];

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
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">History of {employee.name}</h1>
      {employee.team ? <p>Team: {employee.team}</p> : null}
      <section aria-labelledby="reported-heading" className="space-y-2">
        <h2 id="reported-heading" className="text-lg font-semibold">
          Reported ({cases.length})
        </h2>
        <CaseList items={cases} caption={`Cases reported by ${employee.name}`} />
      </section>
      <section aria-labelledby="support-heading" className="space-y-2">
        <h2 id="support-heading" className="text-lg font-semibold">
          Support given
        </h2>
        {support.length === 0 ? (
          <p className="text-slate-600">No protective measures recorded.</p>
        ) : (
          <ul className="space-y-1">
            {support.map((s) => (
              <li key={s.id}>
                {formatDate(s.at)} · {s.reference}:{" "}
                {PROTECTIVE_MEASURE_LABELS[s.type as ProtectiveMeasure] ?? s.type} (
                {ACTION_STATUS_LABELS[s.status as ActionStatus] ?? s.status}
                {s.outcome ? `: ${s.outcome}` : ""})
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
