import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { buttonClass, inputClass, secondaryButtonClass } from "~/components/ui/field";
import { REFERENCE_PATTERN } from "~/domain/reference";
import { verifyChains } from "~/models/case-history.server";
import { notFound, requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Verify timelines · Incident portal" }];

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
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Verify case timelines</h1>
      <p>
        Each timeline event holds the hash of the one before it. Changing, removing or reordering
        any row breaks the chain from that row on.
      </p>
      <div className="flex flex-wrap items-end gap-4">
        <Form method="get" className="flex items-end gap-2">
          <label className="block">
            <span className="block text-sm font-medium">Case reference</span>
            <input name="reference" defaultValue={reference} className={inputClass} />
          </label>
          <button type="submit" className={secondaryButtonClass}>
            Verify this case
          </button>
        </Form>
        <Form method="get">
          <input type="hidden" name="all" value="1" />
          <button type="submit" className={buttonClass}>
            Verify all cases
          </button>
        </Form>
      </div>
      {ran ? (
        <section aria-labelledby="result-heading" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="result-heading" className="text-lg font-semibold">
            Result
          </h2>
          {checked === 0 ? (
            <p role="status">No such case.</p>
          ) : broken.length === 0 ? (
            <p role="status" className="text-emerald-800">
              All {checked} {checked === 1 ? "timeline is" : "timelines are"} intact.
            </p>
          ) : (
            <>
              <p role="status" className="text-red-700">
                {broken.length} of {checked} {checked === 1 ? "timeline is" : "timelines are"}{" "}
                broken.
              </p>
              <ul className="mt-2 space-y-1">
                {broken.map((b) => (
                  <li key={b.reference}>
                    <Link to={`/cases/${b.reference}`} className="underline">
                      {b.reference}
                    </Link>
                    : event {b.seq}: {b.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          {purged > 0 ? (
            <>
              <p className="mt-3">
                {purged} {purged === 1 ? "case's content was" : "cases' content was"} removed under
                the retention rules; each purge is an event on its chain, which still verifies:
              </p>
              <ul className="mt-1 space-y-1 text-sm">
                {purges.map((p) => (
                  <li key={p.reference}>
                    {p.reference}: event {p.seq}, {formatDate(p.at)}, {p.rule}
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
