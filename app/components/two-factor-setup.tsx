import "~/i18n/auth-messages";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { InputField } from "~/components/ui/conform-fields";
import { buttonClass } from "~/components/ui/field";
import { WideSubmitButton } from "~/components/sign-in-fields";

// Setting up an authenticator app: a QR code (an inline SVG made on the server, so no script
// or outside image is needed), the secret to type by hand, and the first code to prove it.
// Then the recovery codes, shown once.

export const enrolSchema = z.object({
  code: z
    .string({ required_error: "Please enter the 6-digit code your app shows." })
    .trim()
    .max(40, "That is longer than any code we issue."),
  redirectTo: z.string().optional(),
});

export function EnrolForm({
  qrSvg,
  secret,
  lastResult,
  redirectTo,
}: {
  qrSvg: string;
  secret: string;
  lastResult: SubmissionResult<string[]> | undefined;
  redirectTo?: string;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: enrolSchema }),
  });
  return (
    <>
      <ol className="mt-4 list-decimal space-y-2 pl-5 text-slate-700">
        <li>{t("twoFactor.stepOpenApp")}</li>
        <li>{t("twoFactor.stepScan")}</li>
        <li>{t("twoFactor.stepEnterCode")}</li>
      </ol>
      <div
        role="img"
        aria-label={t("twoFactor.qrLabel")}
        className="mt-4 w-48 max-w-full bg-white p-2 [&>svg]:h-auto [&>svg]:w-full"
        // The SVG comes from the qrcode package on our server: paths only, no script.
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
      <p className="mt-3 text-sm text-slate-700">
        {t("twoFactor.keyByHand")}{" "}
        <code className="break-all rounded bg-slate-100 px-1 font-mono" data-testid="totp-secret">
          {secret}
        </code>
      </p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
        <InputField
          field={fields.code}
          label={t("twoFactor.codeLabel")}
          autoComplete="one-time-code"
          inputMode="numeric"
        />
        <WideSubmitButton>{t("twoFactor.turnOn")}</WideSubmitButton>
      </Form>
    </>
  );
}

export function RecoveryCodes({ codes, next }: { codes: string[]; next: string }) {
  const { t } = useTranslation();
  return (
    <div className="mt-4">
      <p role="status" className="rounded-md bg-green-50 p-3 font-medium text-green-900">
        {t("twoFactor.isOn")}
      </p>
      <h2 className="mt-6 text-lg font-semibold">{t("twoFactor.recoveryHeading")}</h2>
      <p className="mt-2 text-slate-700">{t("twoFactor.recoveryText")}</p>
      <ul
        className="mt-3 grid grid-cols-2 gap-2 font-mono"
        aria-label={t("twoFactor.recoveryCodesLabel")}
      >
        {codes.map((c) => (
          <li key={c} className="rounded bg-slate-100 px-2 py-1">
            {c}
          </li>
        ))}
      </ul>
      <p className="mt-6">
        <Link to={next} className={buttonClass}>
          {t("twoFactor.continue")}
        </Link>
      </p>
    </div>
  );
}
