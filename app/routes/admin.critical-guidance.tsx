import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, buttonClass, inputClass } from "~/components/ui/field";
import { GUIDANCE_MAX, guidanceFields } from "~/domain/critical-guidance";
import { getCriticalGuidance, saveCriticalGuidance } from "~/models/critical-guidance.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";

// The guidance a person reads right after filing a Critical report: security desk, emergency
// numbers, that they may end the call. Admins only; every change is in the settings history.

export const meta: MetaFunction = () => [
  { title: "Critical-report guidance · Admin · Incident portal" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  return getCriticalGuidance(await getDb());
}

type Reply = { ok: boolean; message: string; error?: string; value?: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "settings:manage");
  const form = Object.fromEntries(await readForm(request));
  const parsed = guidanceFields.safeParse(form);
  if (!parsed.success) {
    const error = parsed.error.flatten().fieldErrors.guidance?.[0] ?? "Please check the text.";
    return data<Reply>(
      { ok: false, message: error, error, value: String(form.guidance ?? "") },
      { status: 400 },
    );
  }
  const result = await saveCriticalGuidance(await getDb(), {
    actorId: user.id,
    text: parsed.data.guidance,
  });
  return data<Reply>({
    ok: true,
    message: result.changed ? "The guidance is saved." : "Nothing changed.",
  });
}

export default function CriticalGuidance() {
  const guidance = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="max-w-2xl space-y-4">
      <p>
        <Link to="/admin" className="text-brand-700 underline">
          Admin
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Guidance after a critical report</h1>
      <p className="text-slate-700">
        Someone who files a report marked &ldquo;Critical: I feel unsafe now&rdquo; reads this
        first, on the confirmation page. Give the security desk&apos;s number, the emergency
        numbers, and tell them they may end the call. One line per point.
        {guidance.isDefault ? " The text below is the built-in default." : ""}
      </p>
      <Form method="post" className="space-y-3">
        <Field id="guidance" label="Guidance" errors={reply?.error ? [reply.error] : undefined}>
          {(ids) => (
            <textarea
              {...ids}
              name="guidance"
              rows={8}
              maxLength={GUIDANCE_MAX}
              defaultValue={reply && !reply.ok ? reply.value : guidance.text}
              className={inputClass}
            />
          )}
        </Field>
        <button type="submit" className={buttonClass}>
          Save guidance
        </button>
        {reply?.ok ? (
          <p role="status" className="font-medium text-emerald-800">
            {reply.message}
          </p>
        ) : null}
      </Form>
    </div>
  );
}
