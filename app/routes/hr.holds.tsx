import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import {
  Field,
  FieldError,
  buttonClass,
  inputClass,
  secondaryButtonClass,
} from "~/components/ui/field";
import { HOLD_SCOPES, HOLD_SCOPE_LABELS, parseHoldForm, type HoldScope } from "~/domain/retention";
import {
  HOLDS_PAGE,
  listHolds,
  placeHold,
  releaseHold,
  resolveHoldTarget,
} from "~/models/legal-hold.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { typedValues } from "~/utils/form-values";

export const meta: MetaFunction = () => [{ title: "Legal holds · Incident portal" }];

// HR places and releases legal holds. A hold covers one case, an account's cases or an
// employee's reports; while it stands, retention and erasure leave those cases alone.

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "cases:review");
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(10_000, Number(url.searchParams.get("page")) || 1));
  const db = await getDb();
  const [active, released] = await Promise.all([
    listHolds(db, { released: false }),
    listHolds(db, { released: true, skip: (page - 1) * HOLDS_PAGE }),
  ]);
  return { active, released, page };
}

type Errors = Partial<Record<"scope" | "target" | "matter" | "reason" | "releaseReason", string[]>>;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const values = typedValues(await request.formData());
  const db = await getDb();
  if (values.intent === "release") {
    const reason = (values.releaseReason ?? "").trim();
    if (reason.length < 5 || reason.length > 2000) {
      const errors: Errors = {
        releaseReason: ["Give the reason for releasing (5 to 2,000 characters)."],
      };
      return data({ errors, values, holdId: values.holdId ?? "" }, { status: 400 });
    }
    const result = await releaseHold(db, { actorId: user.id, holdId: values.holdId ?? "", reason });
    if (!result.ok)
      return data(
        {
          errors: { releaseReason: [result.error] } as Errors,
          values,
          holdId: values.holdId ?? "",
        },
        { status: 409 },
      );
    return redirect("/hr/holds?released=1");
  }
  const parsed = parseHoldForm(values);
  if (!parsed.ok)
    return data({ errors: parsed.errors as Errors, values, holdId: "" }, { status: 400 });
  const target = await resolveHoldTarget(db, user, parsed.value.scope, parsed.value.target);
  if (!target) {
    const errors: Errors = {
      target: ["Nothing matches this. Check the reference, account or email."],
    };
    return data({ errors, values, holdId: "" }, { status: 400 });
  }
  await placeHold(db, { actorId: user.id, input: parsed.value, target });
  return redirect("/hr/holds?placed=1");
}

export default function HoldsPage() {
  const { active, released, page } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const placeErrors = result && !result.holdId ? result.errors : {};
  const v = result && !result.holdId ? result.values : {};
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Legal holds</h1>
      <p className="max-w-prose">
        While a hold stands, the cases it covers are never purged by retention and the people in
        them cannot be erased. Placing and releasing a hold is written on every case it covers and
        in the settings history.
      </p>
      {params.get("placed") ? (
        <p role="status" className="text-emerald-800">
          The hold is in place.
        </p>
      ) : null}
      {params.get("released") ? (
        <p role="status" className="text-emerald-800">
          The hold is released.
        </p>
      ) : null}
      <p className="flex flex-wrap gap-4 text-sm">
        <Link to="/hr/data-rights" className="text-brand-700 underline">
          People's data rights
        </Link>
        <Link to="/hr/bundles" className="text-brand-700 underline">
          Investigator bundles
        </Link>
      </p>

      <section aria-labelledby="place-heading" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="place-heading" className="text-lg font-semibold">
          Place a hold
        </h2>
        <Form method="post" className="mt-3 max-w-xl space-y-4">
          <input type="hidden" name="intent" value="place" />
          <fieldset className="space-y-1">
            <legend className="font-medium">What the hold covers</legend>
            {HOLD_SCOPES.map((s: HoldScope) => (
              <label key={s} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="scope"
                  value={s}
                  defaultChecked={(v.scope ?? "CASE") === s}
                />
                {HOLD_SCOPE_LABELS[s]}
              </label>
            ))}
            <FieldError errors={placeErrors.scope} />
          </fieldset>
          <Field
            id="target"
            label="Case reference, account (CRM id or name) or employee's work email"
            errors={placeErrors.target}
            required
          >
            {(ids) => (
              <input
                {...ids}
                name="target"
                defaultValue={v.target}
                className={inputClass}
                maxLength={320}
              />
            )}
          </Field>
          <Field
            id="matter"
            label="Matter name"
            hint="e.g. the claim or investigation it is for"
            errors={placeErrors.matter}
            required
          >
            {(ids) => (
              <input
                {...ids}
                name="matter"
                defaultValue={v.matter}
                className={inputClass}
                maxLength={200}
              />
            )}
          </Field>
          <Field id="reason" label="Reason" errors={placeErrors.reason} required>
            {(ids) => (
              <textarea
                {...ids}
                name="reason"
                defaultValue={v.reason}
                rows={3}
                className={inputClass}
                maxLength={2000}
              />
            )}
          </Field>
          <button type="submit" className={buttonClass}>
            Place the hold
          </button>
        </Form>
      </section>

      <section aria-labelledby="active-heading">
        <h2 id="active-heading" className="text-lg font-semibold">
          Holds in place ({active.total})
        </h2>
        {active.holds.length === 0 ? (
          <p className="mt-2 text-slate-600">No holds are in place.</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {active.holds.map((h) => {
              const mine = result?.holdId === h.id;
              return (
                <li key={h.id} className="rounded-lg bg-white p-4 shadow-sm">
                  <p className="font-medium">{h.matter}</p>
                  <p className="text-sm">
                    {HOLD_SCOPE_LABELS[h.scope as HoldScope] ?? h.scope}: {h.target} · placed{" "}
                    {formatDate(h.placedAt)} by {h.placedBy}
                  </p>
                  <p className="mt-1 text-sm text-slate-700">{h.reason}</p>
                  <Form method="post" className="mt-3 space-y-2">
                    <input type="hidden" name="intent" value="release" />
                    <input type="hidden" name="holdId" value={h.id} />
                    <Field
                      id={`release-${h.id}`}
                      label={`Reason for releasing the hold “${h.matter}”`}
                      errors={mine ? result?.errors.releaseReason : undefined}
                    >
                      {(ids) => (
                        <input
                          {...ids}
                          name="releaseReason"
                          defaultValue={mine ? result?.values.releaseReason : ""}
                          className={inputClass}
                          maxLength={2000}
                        />
                      )}
                    </Field>
                    <button type="submit" className={secondaryButtonClass}>
                      Release this hold
                    </button>
                  </Form>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="released-heading">
        <h2 id="released-heading" className="text-lg font-semibold">
          Released holds ({released.total})
        </h2>
        {released.holds.length === 0 ? (
          <p className="mt-2 text-slate-600">None yet.</p>
        ) : (
          <ul className="mt-2 divide-y rounded-lg bg-white shadow-sm">
            {released.holds.map((h) => (
              <li key={h.id} className="p-3 text-sm">
                <span className="font-medium">{h.matter}</span> ({h.target}) · released{" "}
                {h.releasedAt ? formatDate(h.releasedAt) : ""}: {h.releaseReason}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 flex gap-4 text-sm">
          {page > 1 ? (
            <Link to={`?page=${page - 1}`} className="text-brand-700 underline">
              Newer
            </Link>
          ) : null}
          {page * HOLDS_PAGE < released.total ? (
            <Link to={`?page=${page + 1}`} className="text-brand-700 underline">
              Older
            </Link>
          ) : null}
        </p>
      </section>
    </div>
  );
}
