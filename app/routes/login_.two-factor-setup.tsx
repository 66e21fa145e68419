import "~/i18n/auth-messages";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect } from "@remix-run/node";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  useActionData,
  useLoaderData,
  useSearchParams,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { EnrolForm, enrolSchema, RecoveryCodes } from "~/components/two-factor-setup";
import { safeRedirect } from "~/domain/safe-redirect";
import { formatRecoveryCode } from "~/domain/two-factor";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import {
  confirmEnrolment,
  isEnrolled,
  pendingEnrolment,
  startEnrolment,
} from "~/models/two-factor.server";
import { clientAddress } from "~/utils/client-address.server";
import { getDb } from "~/utils/db.server";
import { assertSameOrigin } from "~/utils/origin.server";
import { readForm } from "~/utils/read-form.server";
import { qrSvg } from "~/utils/qr.server";
import {
  finishSignIn,
  rejectCode,
  requirePendingSignIn,
  wrongFirstCode,
} from "~/utils/sign-in.server";

// HR, leadership and admins who have no authenticator app set up yet do it here, right after
// their password, before they get a session.

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "auth.setupTitle");

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";

// Once the code is accepted the pending step is gone (the session replaces it); reloading this
// route's data would then send the person on before they saw their recovery codes.
export const shouldRevalidate: ShouldRevalidateFunction = () => false;

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await requirePendingSignIn(request);
  const db = await getDb();
  const url = new URL(request.url);
  if (await isEnrolled(db, pending.userId)) {
    throw redirect(`/login/code${url.search}`);
  }
  const user = { id: pending.userId, email: pending.email };
  const enrolment = (await pendingEnrolment(db, user)) ?? (await startEnrolment(db, user));
  if (!enrolment) throw redirect(`/login/code${url.search}`);
  return { secret: enrolment.secret, qr: await qrSvg(enrolment.uri) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const pending = await requirePendingSignIn(request);
  const submission = parseWithZod(await readForm(request), { schema: enrolSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), codes: null, next: "/" }, { status: 400 });
  }
  const db = await getDb();
  const address = clientAddress(context);
  const codes = await confirmEnrolment(db, pending.userId, submission.value.code);
  if (!codes) {
    await rejectCode(pending, address);
    return data({ result: wrongFirstCode(submission), codes: null, next: "/" }, { status: 400 });
  }
  const headers = await finishSignIn(pending, address);
  return data(
    { result: undefined, codes, next: safeRedirect(submission.value.redirectTo) },
    { headers },
  );
}

export default function TwoFactorSetupAtSignIn() {
  const { secret, qr } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useI18n();
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">{t("auth.setupTitle")}</h1>
      {actionData?.codes ? (
        <RecoveryCodes codes={actionData.codes.map(formatRecoveryCode)} next={actionData.next} />
      ) : (
        <>
          <p className="mt-2 text-slate-700">{t("auth.setupIntro")}</p>
          <EnrolForm
            qrSvg={qr}
            secret={secret}
            lastResult={actionData?.result}
            redirectTo={searchParams.get("redirectTo") ?? "/"}
          />
        </>
      )}
    </div>
  );
}
