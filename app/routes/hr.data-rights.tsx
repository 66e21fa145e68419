import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, buttonClass, inputClass, secondaryButtonClass } from "~/components/ui/field";
import { erasePerson, exportPersonData, findPerson } from "~/models/data-rights.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "People's data rights · Incident portal" }];

// HR answers a person's request to see their data (an export) or to have it erased (carried
// out only where no legal hold or duty to keep stands in the way; otherwise refused with why).

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "cases:review");
  // A download refused by /hr/data-rights/export comes back here with the message and the email.
  const params = new URL(request.url).searchParams;
  const problem = params.get("problem")?.slice(0, 200);
  if (!problem) return data<Answer | null>(null);
  return data<Answer | null>(
    { email: (params.get("email") ?? "").slice(0, 320), error: problem },
    { status: 400 },
  );
}

type Answer = { email: string; error?: string; erased?: boolean; refused?: string[] };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const form = await request.formData();
  const email = String(form.get("email") ?? "").slice(0, 320);
  const intent = String(form.get("intent") ?? "");
  const db = await getDb();
  const person = email.trim() ? await findPerson(db, email) : null;
  if (!person)
    return data<Answer>(
      { email, error: "Nobody in the portal has this work email." },
      { status: 400 },
    );
  if (intent === "export") {
    const archive = await exportPersonData(db, { viewer: user, userId: person.id });
    return new Response(JSON.stringify(archive, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="personal-data-${person.id}.json"`,
        "Cache-Control": "no-store",
      },
    });
  }
  if (intent === "erase") {
    if (person.id === user.id)
      return data<Answer>(
        { email, error: "Another HR colleague must handle a request about you." },
        { status: 400 },
      );
    if (form.get("confirm") !== "yes")
      return data<Answer>(
        { email, error: "Tick the box to confirm the erasure request." },
        { status: 400 },
      );
    const result = await erasePerson(db, { actorId: user.id, userId: person.id });
    return result.ok
      ? data<Answer>({ email: "", erased: true })
      : data<Answer>({ email, refused: result.reasons }, { status: 409 });
  }
  return data<Answer>({ email, error: "Choose what to do." }, { status: 400 });
}

export default function DataRightsPage() {
  const refused = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() ?? refused;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/hr/holds" className="text-brand-700 underline">
          Legal holds
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">People's data rights</h1>
      <p className="max-w-prose">
        Produce everything the portal holds about one person — as reporter, witness, named colleague
        or handler — as a JSON archive with a readable summary, leaving out other people's personal
        data. Or carry out an erasure request: it is refused, with the reason, while a legal hold or
        a duty to keep one of their cases stands in the way. Both are recorded on the cases'
        timelines and in the settings history.
      </p>
      {result?.erased ? (
        <p role="status" className="text-emerald-800">
          The person's profile is erased and they are signed out.
        </p>
      ) : null}
      {result?.refused ? (
        <div role="alert" className="rounded-lg bg-amber-50 p-4">
          <p className="font-medium">The erasure was refused:</p>
          <ul className="mt-1 list-disc pl-5">
            {result.refused.map((r: string) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" reloadDocument className="max-w-md space-y-4">
        <Field
          id="email"
          label="The person's work email"
          errors={result?.error ? [result.error] : undefined}
          required
        >
          {(ids) => (
            <input
              {...ids}
              type="email"
              name="email"
              defaultValue={result?.email}
              className={inputClass}
              maxLength={320}
            />
          )}
        </Field>
        <button
          type="submit"
          name="intent"
          value="export"
          formAction="/hr/data-rights/export"
          className={buttonClass}
        >
          Download their data (JSON)
        </button>
        <fieldset className="space-y-2 rounded-lg border border-slate-300 p-3">
          <legend className="px-1 font-medium">Erasure request</legend>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="confirm" value="yes" />
            The person asked to be erased
          </label>
          <button type="submit" name="intent" value="erase" className={secondaryButtonClass}>
            Erase their data
          </button>
        </fieldset>
      </Form>
    </div>
  );
}
