import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { buttonClass, inputClass, secondaryButtonClass } from "~/components/ui/field";
import { REFERENCE_PATTERN } from "~/domain/reference";
import { hrMessage } from "~/i18n/hr-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { verifyChains } from "~/models/case-history.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "hr.verify.pageTitle");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

// HR checks the hash chains: one case by reference, or all of them. A broken chain is named
// with the case and the event (seq) where it breaks.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const url = new URL(request.url);
  const reference = url.searchParams.get("reference")?.trim().toUpperCase() || "";
  const all = url.searchParams.get("all") === "1";
  if (!reference && !all)
    return { ran: false as const, reference, checked: 0, broken: [], purged: 0, purges: [] };
  // A case that does not exist, or names the viewer: the same 404.
  if (reference && !REFERENCE_PATTERN.test(reference)) throw notFound();
  const db = await getDb();
  const result = await verifyChains(db, { viewer: user, ...(reference ? { reference } : {}) });
  if (reference && result.checked === 0) throw notFound();
  return { ran: true as const, reference, ...result };
}

export default function VerifyPage() {
  const { ran, reference, checked, broken, purged, purges } = useLoaderData<typeof loader>();
  const { t, language, date } = useI18n();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("hr.verify.title")}</h1>
      <p>{t("hr.verify.intro")}</p>
      <div className="flex flex-wrap items-end gap-4">
        <Form method="get" className="flex items-end gap-2">
          <label className="block">
            <span className="block text-sm font-medium">{t("hr.verify.reference")}</span>
            <input name="reference" defaultValue={reference} className={inputClass} />
          </label>
          <button type="submit" className={secondaryButtonClass}>
            {t("hr.verify.one")}
          </button>
        </Form>
        <Form method="get">
          <input type="hidden" name="all" value="1" />
          <button type="submit" className={buttonClass}>
            {t("hr.verify.all")}
          </button>
        </Form>
      </div>
      {ran ? (
        <section aria-labelledby="result-heading" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="result-heading" className="text-lg font-semibold">
            {t("hr.verify.result")}
          </h2>
          {checked === 0 ? (
            <p role="status">{t("hr.verify.noSuchCase")}</p>
          ) : broken.length === 0 ? (
            <p role="status" className="text-emerald-800">
              {t("hr.verify.intact", { count: checked })}
            </p>
          ) : (
            <>
              <p role="status" className="text-red-700">
                {t("hr.verify.broken", { count: checked, broken: broken.length })}
              </p>
              <ul className="mt-2 space-y-1">
                {broken.map((b) => (
                  <li key={b.reference}>
                    <Link to={`/cases/${b.reference}`} className="underline">
                      {b.reference}
                    </Link>
                    {t("hr.verify.brokenAt", {
                      seq: b.seq,
                      reason: hrMessage(t, b.reason, language),
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {purged > 0 ? (
            <>
              <p className="mt-3">{t("hr.verify.purged", { count: purged })}</p>
              <ul className="mt-1 space-y-1 text-sm">
                {purges.map((p) => (
                  <li key={p.reference}>
                    {t("hr.verify.purge", {
                      reference: p.reference,
                      seq: p.seq,
                      date: date(p.at),
                      rule: p.rule,
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
