import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, buttonClass, inputClass, secondaryButtonClass } from "~/components/ui/field";
import { hrMessage } from "~/i18n/hr-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { erasePerson, exportPersonData, findPerson } from "~/models/data-rights.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { attachment, refusalInAddress } from "~/utils/hr-download.server";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "hr.dataRights.title");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

// HR answers a person's request to see their data (an export) or to have it erased (carried
// out only where no legal hold or duty to keep stands in the way; otherwise refused with why).

const NOBODY = "Nobody in the portal has this work email.";
const CHOOSE = "Choose what to do.";
// The only messages a refused download brings back in the address: anything else there is
// ignored, so a crafted link cannot put its own words on this page.
const REFUSALS: ReadonlySet<string> = new Set([NOBODY, CHOOSE]);

const schema = z.object({
  email: z.string({ required_error: NOBODY }).trim().max(320, NOBODY),
  intent: z.enum(["export", "erase"], { errorMap: () => ({ message: CHOOSE }) }),
  confirm: z.string().optional(),
});

type Answer = { result: SubmissionResult<string[]>; erased?: boolean; refused?: string[] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "cases:review");
  // A download refused by /hr/data-rights/export comes back here with the message and the email.
  const result = refusalInAddress(request, "email", 320, REFUSALS);
  return result ? data<Answer | null>({ result }, { status: 400 }) : data<Answer | null>(null);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success")
    return data<Answer>({ result: submission.reply() }, { status: 400 });
  const { email, intent, confirm } = submission.value;
  const db = await getDb();
  const person = await findPerson(db, email);
  if (!person)
    return data<Answer>(
      { result: submission.reply({ fieldErrors: { email: [NOBODY] } }) },
      { status: 400 },
    );
  if (intent === "export") {
    const archive = await exportPersonData(db, { viewer: user, userId: person.id });
    return attachment(
      JSON.stringify(archive, null, 2),
      "application/json; charset=utf-8",
      `personal-data-${person.id}.json`,
    );
  }
  const refuse = (message: string) =>
    data<Answer>(
      { result: submission.reply({ fieldErrors: { email: [message] } }) },
      { status: 400 },
    );
  if (person.id === user.id) return refuse("Another HR colleague must handle a request about you.");
  if (confirm !== "yes") return refuse("Tick the box to confirm the erasure request.");
  const result = await erasePerson(db, { actorId: user.id, userId: person.id });
  return result.ok
    ? data<Answer>({ result: submission.reply({ resetForm: true }), erased: true })
    : data<Answer>({ result: submission.reply(), refused: result.reasons }, { status: 409 });
}

export default function DataRightsPage() {
  const refused = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() ?? refused;
  const { t, language } = useI18n();
  const [form, fields] = useForm({ id: "data-rights", lastResult: answer?.result });
  const email = fields.email.initialValue;
  return (
    <div className="space-y-6">
      <BackLink to="/hr/holds">{t("hr.holds.title")}</BackLink>
      <h1 className="text-2xl font-semibold">{t("hr.dataRights.title")}</h1>
      <p className="max-w-prose">{t("hr.dataRights.intro")}</p>
      {answer?.erased ? (
        <p role="status" className="text-emerald-800">
          {t("hr.dataRights.erased")}
        </p>
      ) : null}
      {answer?.refused ? (
        <div role="alert" className="rounded-lg bg-amber-50 p-4">
          <p className="font-medium">{t("hr.dataRights.refused")}</p>
          <ul className="mt-1 list-disc pl-5">
            {answer.refused.map((r: string) => (
              <li key={r}>{hrMessage(t, r, language)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" reloadDocument className="max-w-md space-y-4" {...getFormProps(form)}>
        <Field
          id="email"
          label={t("hr.dataRights.email")}
          errors={fields.email.errors?.map((m) => hrMessage(t, m, language))}
          required
        >
          {(ids) => (
            <input
              {...ids}
              type="email"
              name="email"
              defaultValue={answer?.erased || typeof email !== "string" ? "" : email}
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
          {t("hr.dataRights.download")}
        </button>
        <fieldset className="space-y-2 rounded-lg border border-slate-300 p-3">
          <legend className="px-1 font-medium">{t("hr.dataRights.erasure")}</legend>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="confirm" value="yes" />
            {t("hr.dataRights.confirm")}
          </label>
          <button type="submit" name="intent" value="erase" className={secondaryButtonClass}>
            {t("hr.dataRights.erase")}
          </button>
        </fieldset>
      </Form>
    </div>
  );
}
