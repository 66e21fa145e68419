import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { buttonClass, Field, inputClass } from "~/components/ui/field";
import { MIN_PASSWORD_LENGTH, newPasswordSchema } from "~/domain/password-policy";
import {
  checkPasswordLink,
  consumePasswordLink,
  linkProblemMessage,
} from "~/models/password-link.server";
import { endSessionsOf } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { assertSameOrigin } from "~/utils/origin.server";

// Opened from an invitation, a first-admin setup link or a reset mail. Anyone holding the link
// may use it once; no session is needed (the person has no password yet).

export const meta: MetaFunction = () => [{ title: "Set your password · Incident portal" }];

// The token is in the address: never send it to another site, never keep it in a cache.
export const headers: HeadersFunction = () => ({
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
});

export async function loader({ params }: LoaderFunctionArgs) {
  const check = await checkPasswordLink(await getDb(), params.token ?? "");
  if (!check.ok) {
    const { status, text } = linkProblemMessage(check.problem);
    return data({ ok: false as const, message: text }, { status });
  }
  return {
    ok: true as const,
    name: check.user.name,
    email: check.user.email,
    purpose: check.purpose,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: newPasswordSchema });
  if (submission.status !== "success") {
    return data(
      { done: false as const, reply: submission.reply({ hideFields: ["password", "confirm"] }) },
      { status: 400 },
    );
  }
  const result = await consumePasswordLink(
    await getDb(),
    params.token ?? "",
    submission.value.password,
  );
  if (!result.ok) {
    const { status, text } = linkProblemMessage(result.problem);
    return data(
      {
        done: false as const,
        reply: submission.reply({ formErrors: [text], hideFields: ["password", "confirm"] }),
      },
      { status },
    );
  }
  // Whoever was signed in as this person (perhaps with the old password) is signed out.
  await endSessionsOf(result.user.id);
  return { done: true as const, reply: null };
}

export default function SetPassword() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult: result?.reply,
    shouldValidate: "onBlur",
    constraint: { password: { required: true, minLength: MIN_PASSWORD_LENGTH } },
  });

  if (!page.ok) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-semibold">This link cannot be used</h1>
        <p role="alert" className="text-slate-800">
          {page.message}
        </p>
        <Link to="/login" className="text-brand-700 underline">
          Go to the sign-in page
        </Link>
      </div>
    );
  }
  if (result?.done) {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-semibold">Your password is set</h1>
        <p role="status">You can now sign in with {page.email} and your new password.</p>
        <Link to="/login" className={buttonClass}>
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">
        {page.purpose === "RESET" ? "Choose a new password" : "Set your password"}
      </h1>
      <p className="mt-2 text-slate-700">
        Hello {page.name}. Choose a password of at least {MIN_PASSWORD_LENGTH} characters. A few
        unrelated words in a row are long and easy to remember. Very common passwords are refused.
      </p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <div className="space-y-1">
          <label htmlFor="account-email" className="block font-medium">
            Your work email
          </label>
          <input
            id="account-email"
            name="username"
            type="email"
            value={page.email}
            readOnly
            autoComplete="username"
            className={`${inputClass} bg-slate-100`}
          />
        </div>
        <Field
          id={fields.password.id}
          label="New password"
          errors={fields.password.errors}
          required
        >
          {(ids) => (
            <input
              {...getInputProps(fields.password, { type: "password" })}
              {...ids}
              autoComplete="new-password"
              className={inputClass}
            />
          )}
        </Field>
        <Field
          id={fields.confirm.id}
          label="New password again"
          errors={fields.confirm.errors}
          required
        >
          {(ids) => (
            <input
              {...getInputProps(fields.confirm, { type: "password" })}
              {...ids}
              autoComplete="new-password"
              className={inputClass}
            />
          )}
        </Field>
        {form.errors?.length ? (
          <p id={form.errorId} role="alert" className="font-medium text-red-700">
            {form.errors.join(" ")}
          </p>
        ) : null}
        <button
          type="submit"
          className={`${buttonClass} w-full`}
          disabled={navigation.state !== "idle"}
        >
          {navigation.state === "submitting" ? "Saving…" : "Save my password"}
        </button>
      </Form>
    </div>
  );
}
