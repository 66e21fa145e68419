import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { buttonClass, Field, inputClass } from "~/components/ui/field";
import { plainText } from "~/domain/input-rules";
import { getStatementForWitness, submitWitnessStatement } from "~/models/case-support.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/read-form.server";

// A witness's page: only the person asked may open it, and it shows only their own request —
// the reference, who asked and when — never the report, its narrative or the other people.

export const meta: MetaFunction = () => [{ title: "Your witness statement · Incident portal" }];

const ID = /^[a-z0-9]{10,40}$/;

async function load(request: Request, id: string | undefined) {
  const user = await requireUser(request);
  if (!id || !ID.test(id)) throw notFound();
  const db = await getDb();
  const statement = await getStatementForWitness(db, id, user.id);
  if (!statement) throw notFound();
  return { db, user, statement };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { statement } = await load(request, params.id);
  return {
    reference: statement.reference,
    askedBy: statement.askedBy,
    requestedAt: statement.requestedAt.toISOString(),
    statement: statement.statement,
    submittedAt: statement.submittedAt?.toISOString() ?? null,
  };
}

const schema = z.object({
  statement: plainText("Please write what you saw or heard.", 5000, 10),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, user, statement } = await load(request, params.id);
  const formData = await readForm(request);
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const message = parsed.error.issues[0].message;
    return data(
      { ok: false, message, typed: String(formData.get("statement") ?? "") },
      { status: 400 },
    );
  }
  const result = await submitWitnessStatement(db, {
    statementId: statement.id,
    witnessId: user.id,
    statement: parsed.data.statement,
  });
  if (!result.changed) {
    return data(
      { ok: false, message: "Your statement was already sent; it cannot be changed.", typed: "" },
      { status: 409 },
    );
  }
  return { ok: true, message: "Thank you. Your statement has been added to the case.", typed: "" };
}

export default function WitnessStatementPage() {
  const s = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">Your witness statement for {s.reference}</h1>
      <p className="text-slate-700">
        {s.askedBy} asked you on {formatDateTime(s.requestedAt)} for a short statement of what you
        saw or heard. Only the people handling the report will read it. Write only what you yourself
        saw or heard.
      </p>
      {result ? (
        <p role="status" className={result.ok ? "text-emerald-800" : "text-red-700"}>
          {result.message}
        </p>
      ) : null}
      {s.submittedAt ? (
        <section aria-labelledby="given-heading" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="given-heading" className="text-lg font-semibold">
            Sent {formatDateTime(s.submittedAt)}
          </h2>
          <p className="mt-2 whitespace-pre-wrap">{s.statement}</p>
        </section>
      ) : (
        <Form method="post" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
          <Field
            id="statement"
            label="Your statement"
            hint="Once sent it cannot be changed."
            errors={result && !result.ok ? [result.message] : undefined}
          >
            {(ids) => (
              <textarea
                name="statement"
                rows={8}
                maxLength={5000}
                defaultValue={result && !result.ok ? result.typed : ""}
                className={inputClass}
                {...ids}
              />
            )}
          </Field>
          <button type="submit" className={buttonClass} disabled={busy}>
            Send statement
          </button>
        </Form>
      )}
      <Link to="/" className="text-brand-700 underline">
        Back to the start page
      </Link>
    </div>
  );
}
