import "~/i18n/case-messages";
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
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
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { getStatementForWitness, submitWitnessStatement } from "~/models/case-support.server";
import { notFound, requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { redirectWithToast } from "~/utils/toast.server";

// A witness's page: only the person asked may open it, and it shows only their own request —
// the reference, who asked and when — never the report, its narrative or the other people.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "statements.pageTitle");

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
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") {
    return data(submission.reply(), { status: 400 });
  }
  const result = await submitWitnessStatement(db, {
    statementId: statement.id,
    witnessId: user.id,
    statement: submission.value.statement,
  });
  if (!result.changed) {
    return data(
      submission.reply({
        formErrors: ["Your statement was already sent; it cannot be changed."],
        resetForm: true,
      }),
      { status: 409 },
    );
  }
  return redirectWithToast(`/statements/${statement.id}`, { key: "toast.statementsSent" });
}

export default function WitnessStatementPage() {
  const s = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { t, dateTime, message } = useI18n();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-semibold">
        {t("statements.title", { reference: s.reference })}
      </h1>
      <p className="text-slate-700">
        {t("statements.intro", { name: s.askedBy, date: dateTime(s.requestedAt) })}
      </p>
      {form.errors?.length ? (
        <p role="alert" className="text-red-700">
          {form.errors.map(message).join(" ")}
        </p>
      ) : null}
      {s.submittedAt ? (
        <section aria-labelledby="given-heading" className="rounded-lg bg-white p-4 shadow-sm">
          <h2 id="given-heading" className="text-lg font-semibold">
            {t("statements.sent", { date: dateTime(s.submittedAt) })}
          </h2>
          <p className="mt-2 whitespace-pre-wrap">{s.statement}</p>
        </section>
      ) : (
        <Form
          method="post"
          className="space-y-3 rounded-lg bg-white p-4 shadow-sm"
          {...getFormProps(form)}
        >
          <Field
            id={fields.statement.id}
            label={t("statements.label")}
            hint={t("statements.hint")}
            errors={fields.statement.errors}
          >
            {(ids) => (
              <textarea
                {...getTextareaProps(fields.statement)}
                {...ids}
                key={fields.statement.key}
                rows={8}
                maxLength={5000}
                className={inputClass}
              />
            )}
          </Field>
          <button type="submit" className={buttonClass} disabled={busy}>
            {t("statements.send")}
          </button>
        </Form>
      )}
      <Link to="/" className="text-brand-700 underline">
        {t("statements.back")}
      </Link>
    </div>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
