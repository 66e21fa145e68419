import "~/i18n/auth-messages";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { buttonClass, Field, inputClass } from "~/components/ui/field";
import { safeRedirect } from "~/domain/safe-redirect";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { recordSignInFailure, recordSignInSuccess } from "~/models/login-throttle.server";
import { verifySecondFactor } from "~/models/two-factor.server";
import { clientAddress } from "~/utils/client-address.server";
import { getDb } from "~/utils/db.server";
import { assertSameOrigin } from "~/utils/origin.server";
import { readForm } from "~/utils/read-form.server";
import {
  clearPendingCookie,
  completePendingSignIn,
  readPendingSignIn,
  recordWrongCode,
} from "~/utils/sign-in.server";

// The second step of a password sign-in: a code from the authenticator app, or a recovery code.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.codeTitle");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

const schema = z.object({
  code: z
    .string({ required_error: "Please enter the code from your authenticator app." })
    .trim()
    .max(40, "That is longer than any code we issue."),
  redirectTo: z.string().optional(),
});

function restart() {
  return redirect("/login?notice=code-expired", {
    headers: { "Set-Cookie": clearPendingCookie() },
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await readPendingSignIn(request);
  if (!pending) throw restart();
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const pending = await readPendingSignIn(request);
  if (!pending) throw restart();
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["code"] }), { status: 400 });
  }
  const db = await getDb();
  const address = clientAddress(context);
  const ok = await verifySecondFactor(db, pending.userId, submission.value.code);
  if (!ok) {
    // Wrong codes count with wrong passwords, so guessing codes is slowed down the same way.
    await recordSignInFailure(pending.email, address);
    if (!(await recordWrongCode(pending))) throw restart();
    return data(
      submission.reply({
        fieldErrors: {
          code: ["That code is not right, or was already used. Please try the current one."],
        },
        hideFields: ["code"],
      }),
      { status: 400 },
    );
  }
  const cookies = await completePendingSignIn(pending);
  if (!cookies) throw restart();
  await recordSignInSuccess(pending.email, address);
  const headers = new Headers();
  for (const c of cookies) headers.append("Set-Cookie", c);
  return redirect(safeRedirect(submission.value.redirectTo), { headers });
}

export default function SecondStep() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useI18n();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-semibold">{t("auth.codeTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("auth.codeIntro")}</p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Field
          id={fields.code.id}
          label={t("auth.codeLabel")}
          hint={t("auth.codeHint")}
          errors={fields.code.errors}
        >
          {(ids) => (
            <input
              {...getInputProps(fields.code, { type: "text" })}
              {...ids}
              autoComplete="one-time-code"
              inputMode="text"
              autoCapitalize="none"
              spellCheck={false}
              className={inputClass}
            />
          )}
        </Field>
        <button
          type="submit"
          className={`${buttonClass} w-full`}
          disabled={navigation.state !== "idle"}
        >
          {t("auth.continue")}
        </button>
      </Form>
      <p className="mt-4 text-center">
        <Link to="/login" className="text-brand-700 underline">
          {t("auth.startAgain")}
        </Link>
      </p>
    </div>
  );
}
