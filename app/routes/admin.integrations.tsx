import { parseWithZod } from "@conform-to/zod";
import { topLevelErrors } from "~/utils/submission-errors";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { buttonClass, Field, inputClass, secondaryButtonClass } from "~/components/ui/field";
import { API_SCOPES, SCOPE_LABELS, tokenFormSchema, type TokenLifetime } from "~/domain/api";
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  TOKEN_LIST_LIMIT,
} from "~/models/api-token.server";
import { countActiveWebhookEndpoints, countSetAsideWebhooks } from "~/models/webhook.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { readForm } from "~/utils/read-form.server";

export const meta: MetaFunction = () => [{ title: "Integrations · Admin · Incident portal" }];

const LIFETIME_LABELS: Record<TokenLifetime, string> = {
  "30": "30 days",
  "90": "90 days",
  "365": "One year",
  never: "Until revoked",
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  const db = await getDb();
  const [tokens, webhooks, webhooksSetAside] = await Promise.all([
    listApiTokens(db),
    countActiveWebhookEndpoints(db),
    countSetAsideWebhooks(db),
  ]);
  const now = Date.now();
  return {
    webhooks,
    webhooksSetAside,
    tokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      scopes: t.scopes,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      expiresAt: t.expiresAt?.toISOString() ?? null,
      status: t.revokedAt
        ? ("revoked" as const)
        : t.expiresAt && t.expiresAt.getTime() <= now
          ? ("expired" as const)
          : ("active" as const),
    })),
  };
}

type ActionData =
  | { intent: "create"; ok: true; name: string; secret: string }
  | {
      intent: "create";
      ok: false;
      fieldErrors: Record<string, string[]>;
      values: { name: string; scopes: string[]; lifetime: string };
    }
  | { intent: "revoke"; ok: boolean; message: string };

const revokeSchema = z.object({ intent: z.literal("revoke"), id: z.string().min(1).max(64) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "settings:manage");
  const db = await getDb();
  const form = await readForm(request);
  if (form.get("intent") === "revoke") {
    const submission = parseWithZod(form, { schema: revokeSchema });
    const done =
      submission.status === "success" && (await revokeApiToken(db, user.id, submission.value.id));
    return data<ActionData>(
      done
        ? { intent: "revoke", ok: true, message: "The token is revoked; it no longer works." }
        : { intent: "revoke", ok: false, message: "That token was revoked already." },
      { status: done ? 200 : 400 },
    );
  }
  const values = {
    name: String(form.get("name") ?? ""),
    scopes: form.getAll("scopes").map(String),
    lifetime: String(form.get("lifetime") ?? ""),
  };
  const submission = parseWithZod(form, { schema: tokenFormSchema });
  if (submission.status !== "success") {
    return data<ActionData>(
      {
        intent: "create",
        ok: false,
        fieldErrors: topLevelErrors(submission) as Record<string, string[]>,
        values,
      },
      { status: 400 },
    );
  }
  const token = await createApiToken(db, user.id, submission.value);
  return data<ActionData>({ intent: "create", ok: true, name: token.name, secret: token.secret });
}

export default function AdminIntegrations() {
  const { tokens, webhooks, webhooksSetAside } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = result?.intent === "create" && !result.ok ? result : null;
  const created = result?.intent === "create" && result.ok ? result : null;
  const errors = failed?.fieldErrors ?? {};
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link to="/admin" className="text-brand-700 underline">
            Admin
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Integrations</h1>
        <p className="mt-2 text-slate-700">
          API tokens let another system keep account figures current (a CRM) or keep people and
          teams current (an identity provider, through SCIM). Give each integration its own token
          with only the permissions it needs. The API is described at{" "}
          <a href="/api/v1/openapi.json" className="text-brand-700 underline">
            /api/v1/openapi.json
          </a>
          .
        </p>
      </div>

      <section aria-labelledby="webhooks-heading" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="webhooks-heading" className="text-lg font-semibold">
          Webhooks
        </h2>
        <p className="mt-1 text-slate-700">
          Tell another system at once when a report is filed, a deadline is missed, a case is
          resolved, a decision is approved or an account is flagged.{" "}
          {webhooks === 0
            ? "No active webhooks."
            : `${webhooks} active ${webhooks === 1 ? "webhook" : "webhooks"}.`}
          {webhooksSetAside > 0
            ? ` ${webhooksSetAside} ${webhooksSetAside === 1 ? "event is" : "events are"} set aside.`
            : ""}
        </p>
        <p className="mt-2">
          <Link to="/admin/webhooks" className="font-medium text-brand-700 underline">
            Manage webhooks
          </Link>
        </p>
      </section>

      {created ? (
        <div role="status" className="rounded-lg border border-emerald-700 bg-white p-4">
          <p className="font-semibold">The token “{created.name}” is ready.</p>
          <p className="mt-1 text-slate-700">
            Copy it now: it is shown only this once. Store it in the other system’s settings.
          </p>
          <label htmlFor="new-token" className="mt-2 block text-sm font-medium">
            Your new token
          </label>
          <input
            id="new-token"
            readOnly
            value={created.secret}
            className={`${inputClass} font-mono text-sm`}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      ) : null}
      {result?.intent === "revoke" ? (
        <p role="status" className={result.ok ? "text-emerald-800" : "text-slate-800"}>
          {result.message}
        </p>
      ) : null}

      <section aria-labelledby="new-token-heading" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="new-token-heading" className="text-lg font-semibold">
          Create a token
        </h2>
        <Form method="post" className="mt-3 space-y-4" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field
            id="token-name"
            label="Integration name"
            hint="For example “Salesforce sync” or “Okta provisioning”."
            errors={errors.name}
            required
          >
            {(ids) => (
              <input
                {...ids}
                name="name"
                defaultValue={failed?.values.name}
                maxLength={100}
                className={inputClass}
              />
            )}
          </Field>
          <fieldset
            aria-describedby={errors.scopes ? "scopes-error" : undefined}
            className="space-y-1"
          >
            <legend className="font-medium">Permissions</legend>
            {API_SCOPES.map((s) => (
              <label key={s} className="flex items-start gap-2">
                <input
                  type="checkbox"
                  name="scopes"
                  value={s}
                  defaultChecked={failed?.values.scopes.includes(s)}
                  className="mt-1 h-4 w-4"
                />
                <span>
                  {SCOPE_LABELS[s]} <code className="text-sm text-slate-600">{s}</code>
                </span>
              </label>
            ))}
            {errors.scopes ? (
              <p id="scopes-error" className="text-sm font-medium text-red-700">
                {errors.scopes.join(" ")}
              </p>
            ) : null}
          </fieldset>
          <Field id="token-lifetime" label="Works for" errors={errors.lifetime}>
            {(ids) => (
              <select
                {...ids}
                name="lifetime"
                defaultValue={failed?.values.lifetime ?? "365"}
                className={inputClass}
              >
                {Object.entries(LIFETIME_LABELS).map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className={buttonClass} disabled={busy}>
            Create token
          </button>
        </Form>
      </section>

      <section aria-labelledby="tokens-heading" className="space-y-3">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          Tokens
        </h2>
        {tokens.length === TOKEN_LIST_LIMIT ? (
          <p className="text-sm text-slate-700">Showing the {TOKEN_LIST_LIMIT} newest.</p>
        ) : null}
        {tokens.length === 0 ? (
          <p className="text-slate-700">No tokens yet.</p>
        ) : (
          <ul className="space-y-2" aria-label="API tokens">
            {tokens.map((t) => (
              <li key={t.id} className="rounded-lg bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <dl className="grid flex-1 grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                    <dt className="text-slate-600">Name</dt>
                    <dd className="font-medium">{t.name}</dd>
                    <dt className="text-slate-600">Starts with</dt>
                    <dd className="font-mono">{t.prefix}…</dd>
                    <dt className="text-slate-600">Permissions</dt>
                    <dd className="break-words">{t.scopes.join(", ")}</dd>
                    <dt className="text-slate-600">Status</dt>
                    <dd>
                      {t.status === "active"
                        ? t.expiresAt
                          ? `Works until ${formatDateTime(t.expiresAt)}`
                          : "Works until revoked"
                        : t.status === "expired"
                          ? "Expired"
                          : "Revoked"}
                    </dd>
                    <dt className="text-slate-600">Last used</dt>
                    <dd>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</dd>
                    <dt className="text-slate-600">Created</dt>
                    <dd>{formatDateTime(t.createdAt)}</dd>
                  </dl>
                  {t.status === "active" ? (
                    <Form method="post">
                      <input type="hidden" name="id" value={t.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="revoke"
                        className={secondaryButtonClass}
                        disabled={busy}
                      >
                        Revoke<span className="sr-only"> the token {t.name}</span>
                      </button>
                    </Form>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
