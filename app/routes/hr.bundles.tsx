import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, buttonClass, inputClass } from "~/components/ui/field";
import { REFERENCE_PATTERN } from "~/domain/reference";
import { buildInvestigatorBundle } from "~/models/investigator-bundle.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Investigator bundles · Incident portal" }];

// HR downloads a case's investigator bundle with a button (a POST, recorded on the case's
// timeline). A case that does not exist and one HR may not see get the same 404 and message.

type Refusal = { error: string; reference: string };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "cases:review");
  // A download refused by /hr/bundles/download comes back here with the message and reference.
  const params = new URL(request.url).searchParams;
  const problem = params.get("problem")?.slice(0, 200);
  if (!problem) return data<Refusal | null>(null);
  return data<Refusal | null>(
    { error: problem, reference: (params.get("reference") ?? "").slice(0, 40) },
    { status: 400 },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  const form = await request.formData();
  const reference = String(form.get("reference") ?? "")
    .trim()
    .toUpperCase()
    .slice(0, 40);
  if (!REFERENCE_PATTERN.test(reference))
    return data(
      { error: "Enter a case reference such as INC-2026-0042.", reference },
      { status: 400 },
    );
  const bundle = await buildInvestigatorBundle(await getDb(), { viewer: user, reference });
  if (!bundle)
    return data({ error: "There is no case with this reference.", reference }, { status: 404 });
  return new Response(bundle.tar, {
    headers: {
      "Content-Type": "application/x-tar",
      "Content-Disposition": `attachment; filename="${bundle.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}

export default function BundlesPage() {
  const refused = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() ?? refused;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/hr/holds" className="text-brand-700 underline">
          Legal holds
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">Investigator bundles</h1>
      <p className="max-w-prose">
        A bundle holds one case's timeline with every hash, its evidence files and a small verifier
        anyone can run with Node.js (<code>node verify.mjs</code>) to check that nothing was
        changed, without the portal. The download is recorded on the case's timeline.
      </p>
      <Form
        method="post"
        action="/hr/bundles/download"
        reloadDocument
        className="max-w-md space-y-4"
      >
        <Field
          id="reference"
          label="Case reference"
          errors={result?.error ? [result.error] : undefined}
          required
        >
          {(ids) => (
            <input
              {...ids}
              name="reference"
              defaultValue={result?.reference}
              className={inputClass}
              maxLength={40}
            />
          )}
        </Field>
        <button type="submit" className={buttonClass}>
          Download the bundle (.tar)
        </button>
      </Form>
    </div>
  );
}
