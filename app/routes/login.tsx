import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { buttonClass, Field, inputClass } from "~/components/ui/field";
import { getOptionalUser, login, safeRedirect } from "~/utils/auth.server";
import { readForm } from "~/utils/read-form.server";
import { assertSameOrigin } from "~/utils/origin.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Incident portal" }];

const schema = z.object({
  email: z
    .string({ required_error: "Please enter your work email." })
    .trim()
    .email("Please enter a valid email address.")
    .max(254),
  password: z.string({ required_error: "Please enter your password." }).max(1000),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  if (user) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await login(submission.value.email, submission.value.password);
  if (!result.ok) {
    return data(
      submission.reply({
        formErrors: ["That email and password don't match. Please try again."],
        hideFields: ["password"],
      }),
      { status: 400 },
    );
  }
  return redirect(safeRedirect(submission.value.redirectTo), {
    headers: { "Set-Cookie": result.cookie },
  });
}

export default function Login() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <p className="mt-2 text-slate-700">
        Report abusive conduct by a customer, or follow up on a report.
      </p>
      <Form method="post" className="mt-6 space-y-4" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Field id={fields.email.id} label="Work email" errors={fields.email.errors}>
          {(ids) => (
            <input
              {...getInputProps(fields.email, { type: "email" })}
              {...ids}
              autoComplete="username"
              className={inputClass}
            />
          )}
        </Field>
        <Field id={fields.password.id} label="Password" errors={fields.password.errors}>
          {(ids) => (
            <input
              {...getInputProps(fields.password, { type: "password" })}
              {...ids}
              autoComplete="current-password"
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
          {navigation.state === "submitting" ? "Signing in…" : "Sign in"}
        </button>
      </Form>
    </div>
  );
}
