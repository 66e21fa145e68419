import "~/i18n/auth-messages";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EnrolForm, enrolSchema, RecoveryCodes } from "~/components/two-factor-setup";
import { buttonClass } from "~/components/ui/field";
import { formatRecoveryCode } from "~/domain/two-factor";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import {
  confirmEnrolment,
  isEnrolled,
  pendingEnrolment,
  replaceRecoveryCodes,
  startEnrolment,
} from "~/models/two-factor.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { qrSvg } from "~/utils/qr.server";
import { wrongFirstCode } from "~/utils/sign-in.server";

// Two-step sign-in for the signed-in person: set it up, or replace the recovery codes.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "twoFactor.title");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

/** The button that replaces the recovery codes; any other post is the setup's code. */
const newCodesSchema = z.object({ intent: z.literal("new-codes") });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  if (await isEnrolled(db, user.id)) return { enrolled: true as const };
  const enrolment = (await pendingEnrolment(db, user)) ?? (await startEnrolment(db, user));
  if (!enrolment) return { enrolled: true as const };
  return {
    enrolled: false as const,
    secret: enrolment.secret,
    qr: await qrSvg(enrolment.uri),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const formData = await readForm(request);
  if (parseWithZod(formData, { schema: newCodesSchema }).status === "success") {
    // Nothing to replace yet: show the setup instead.
    if (!(await isEnrolled(db, user.id))) throw redirect("/account/two-factor");
    const codes = await replaceRecoveryCodes(db, user.id);
    return { result: undefined, codes: codes.map(formatRecoveryCode) };
  }
  const submission = parseWithZod(formData, { schema: enrolSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), codes: null }, { status: 400 });
  }
  const codes = await confirmEnrolment(db, user.id, submission.value.code);
  if (!codes) {
    return data({ result: wrongFirstCode(submission), codes: null }, { status: 400 });
  }
  return { result: undefined, codes: codes.map(formatRecoveryCode) };
}

export default function AccountTwoFactor() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-md">
      <p>
        <Link to="/account" className="text-brand-700 underline">
          {t("account.title")}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{t("twoFactor.title")}</h1>
      {actionData?.codes ? (
        <RecoveryCodes codes={actionData.codes} next="/account" />
      ) : d.enrolled ? (
        <>
          <p className="mt-2 text-slate-700">{t("twoFactor.enrolledText")}</p>
          <Form method="post" className="mt-4">
            <button type="submit" name="intent" value="new-codes" className={buttonClass}>
              {t("twoFactor.newCodes")}
            </button>
          </Form>
        </>
      ) : (
        <EnrolForm qrSvg={d.qr} secret={d.secret} lastResult={actionData?.result} />
      )}
    </div>
  );
}
