import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, buttonClass, inputClass } from "~/components/ui/field";
import { REFERENCE_PATTERN } from "~/domain/reference";
import { hrMessage } from "~/i18n/hr-messages";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { buildInvestigatorBundle } from "~/models/investigator-bundle.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { attachment, refusalInAddress } from "~/utils/hr-download.server";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "hr.bundles.title");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

// HR downloads a case's investigator bundle with a button (a POST, recorded on the case's
// timeline). A case that does not exist and one HR may not see get the same 404 and message.

const ENTER_REFERENCE = "Enter a case reference such as INC-2026-0042.";
const NO_CASE = "There is no case with this reference.";
// The only messages a refused download brings back in the address: anything else there is
// ignored, so a crafted link cannot put its own words on this page.
const REFUSALS: ReadonlySet<string> = new Set([ENTER_REFERENCE, NO_CASE]);

const schema = z.object({
  reference: z
    .string({ required_error: ENTER_REFERENCE })
    .transform((v) => v.trim().toUpperCase().slice(0, 40))
    .pipe(z.string().regex(REFERENCE_PATTERN, ENTER_REFERENCE)),
});

/** The command a reader types, the same in every language. */
const VERIFIER_COMMAND = "node verify.mjs";

type Refusal = { result: SubmissionResult<string[]> };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "cases:review");
  // A download refused by /hr/bundles/download comes back here with the message and reference.
  const result = refusalInAddress(request, "reference", 40, REFUSALS);
  return result ? data<Refusal | null>({ result }, { status: 400 }) : data<Refusal | null>(null);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success")
    return data<Refusal>({ result: submission.reply() }, { status: 400 });
  const { reference } = submission.value;
  const bundle = await buildInvestigatorBundle(await getDb(), { viewer: user, reference });
  if (!bundle)
    return data<Refusal>(
      {
        result: submission.reply({
          fieldErrors: { reference: [NO_CASE] },
        }),
      },
      { status: 404 },
    );
  return attachment(bundle.tar, "application/x-tar", bundle.fileName);
}

export default function BundlesPage() {
  const refused = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() ?? refused;
  const { t, language } = useI18n();
  const [form, fields] = useForm({ id: "bundle", lastResult: answer?.result });
  const typed = fields.reference.initialValue;
  return (
    <div className="space-y-6">
      <BackLink to="/hr/holds">{t("hr.holds.title")}</BackLink>
      <h1 className="text-2xl font-semibold">{t("hr.bundles.title")}</h1>
      <p className="max-w-prose">
        {t("hr.bundles.introBefore")}
        <code>{VERIFIER_COMMAND}</code>
        {t("hr.bundles.introAfter")}
      </p>
      <Form
        method="post"
        action="/hr/bundles/download"
        reloadDocument
        className="max-w-md space-y-4"
        {...getFormProps(form)}
      >
        <Field
          id="reference"
          label={t("hr.verify.reference")}
          errors={fields.reference.errors?.map((m) => hrMessage(t, m, language))}
          required
        >
          {(ids) => (
            <input
              {...ids}
              name="reference"
              defaultValue={typeof typed === "string" ? typed : ""}
              className={inputClass}
              maxLength={40}
            />
          )}
        </Field>
        <button type="submit" className={buttonClass}>
          {t("hr.bundles.download")}
        </button>
      </Form>
    </div>
  );
}
