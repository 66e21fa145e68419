import { parseWithZod } from "@conform-to/zod";
import { topLevelErrors } from "~/utils/submission-errors";
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { TitledSection } from "~/components/titled-section";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import {
  CodeChoices,
  Fact,
  ItemButton,
  OutcomeNote,
  RecordCard,
  ShownOnce,
} from "~/components/record-list";
import { buttonClass, Field, inputClass } from "~/components/ui/field";
import type { TFunction } from "i18next";
import { API_SCOPES, tokenFormSchema, type ApiScope, type TokenLifetime } from "~/domain/api";
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  TOKEN_LIST_LIMIT,
} from "~/models/api-token.server";
import { countActiveWebhookEndpoints, countSetAsideWebhooks } from "~/models/webhook.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { adminMessage } from "~/i18n/admin-messages";
import { readForm } from "~/utils/read-form.server";
import { BackLink } from "~/components/ui/back-link";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.integrations.title");

/** Where the API describes itself (a path, the same in every language). */
const OPENAPI = "/api/v1/openapi.json";

const LIFETIMES: TokenLifetime[] = ["30", "90", "365", "never"];

function lifetimeLabel(t: TFunction, lifetime: TokenLifetime): string {
  switch (lifetime) {
    case "30":
      return t("admin.integrations.lifetime30");
    case "90":
      return t("admin.integrations.lifetime90");
    case "365":
      return t("admin.integrations.lifetime365");
    case "never":
      return t("admin.integrations.lifetimeNever");
  }
}

function scopeLabel(t: TFunction, scope: ApiScope): string {
  switch (scope) {
    case "accounts:read":
      return t("admin.integrations.scopes.accountsRead");
    case "accounts:write":
      return t("admin.integrations.scopes.accountsWrite");
    case "contacts:write":
      return t("admin.integrations.scopes.contactsWrite");
    case "aggregates:read":
      return t("admin.integrations.scopes.aggregatesRead");
    case "scim":
      return t("admin.integrations.scopes.scim");
  }
}

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
  const { t, language, dateTime } = useI18n();
  const busy = useNavigation().state === "submitting";
  const failed = result?.intent === "create" && !result.ok ? result : null;
  const created = result?.intent === "create" && result.ok ? result : null;
  const errors = Object.fromEntries(
    Object.entries(failed?.fieldErrors ?? {}).map(([field, list]) => [
      field,
      list.map((text) => adminMessage(t, text, language)),
    ]),
  ) as Record<string, string[] | undefined>;
  return (
    <div className="space-y-6">
      <div>
        <BackLink to="/admin">{t("admin.integrations.back")}</BackLink>
        <h1 className="text-2xl font-semibold">{t("admin.integrations.heading")}</h1>
        <p className="mt-2 text-slate-700">
          {t("admin.integrations.intro")}{" "}
          <a href={OPENAPI} className="text-brand-700 underline">
            {OPENAPI}
          </a>
          {t("admin.integrations.introEnd")}
        </p>
      </div>

      <TitledSection
        id="webhooks-heading"
        className="rounded-lg bg-white p-4 shadow-sm"
        title={t("admin.integrations.webhooks")}
      >
        <p className="mt-1 text-slate-700">
          {t("admin.integrations.webhooksIntro")}{" "}
          {webhooks === 0
            ? t("admin.integrations.noWebhooks")
            : t("admin.integrations.activeWebhooks", { count: webhooks })}
          {webhooksSetAside > 0 ? " " : null}
          {webhooksSetAside > 0
            ? t("admin.integrations.setAside", { count: webhooksSetAside })
            : null}
        </p>
        <p className="mt-2">
          <Link to="/admin/webhooks" className="font-medium text-brand-700 underline">
            {t("admin.integrations.manageWebhooks")}
          </Link>
        </p>
      </TitledSection>

      {created ? (
        <ShownOnce
          id="new-token"
          title={t("admin.integrations.ready", { name: created.name })}
          note={t("admin.integrations.copyNow")}
          label={t("admin.integrations.newToken")}
          value={created.secret}
        />
      ) : null}
      {result?.intent === "revoke" ? (
        <OutcomeNote ok={result.ok}>{adminMessage(t, result.message, language)}</OutcomeNote>
      ) : null}

      <TitledSection
        id="new-token-heading"
        className="rounded-lg bg-white p-4 shadow-sm"
        title={t("admin.integrations.createHeading")}
      >
        <Form method="post" className="mt-3 space-y-4" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field
            id="token-name"
            label={t("admin.integrations.name")}
            hint={t("admin.integrations.nameHint")}
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
          <CodeChoices
            name="scopes"
            legend={t("admin.integrations.permissions")}
            errorId="scopes-error"
            errors={errors.scopes}
            options={API_SCOPES.map((s) => ({ value: s, label: scopeLabel(t, s) }))}
            checked={failed?.values.scopes}
          />
          <Field
            id="token-lifetime"
            label={t("admin.integrations.worksFor")}
            errors={errors.lifetime}
          >
            {(ids) => (
              <select
                {...ids}
                name="lifetime"
                defaultValue={failed?.values.lifetime ?? "365"}
                className={inputClass}
              >
                {LIFETIMES.map((v) => (
                  <option key={v} value={v}>
                    {lifetimeLabel(t, v)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className={buttonClass} disabled={busy}>
            {t("admin.integrations.create")}
          </button>
        </Form>
      </TitledSection>

      <TitledSection
        id="tokens-heading"
        className="space-y-3"
        title={t("admin.integrations.tokens")}
      >
        {tokens.length === TOKEN_LIST_LIMIT ? (
          <p className="text-sm text-slate-700">
            {t("admin.integrations.newest", { count: TOKEN_LIST_LIMIT })}
          </p>
        ) : null}
        {tokens.length === 0 ? (
          <p className="text-slate-700">{t("admin.integrations.noTokens")}</p>
        ) : (
          <ul className="space-y-2" aria-label={t("admin.integrations.tokensLabel")}>
            {tokens.map((token) => (
              <RecordCard
                key={token.id}
                action={
                  token.status === "active" ? (
                    <ItemButton
                      id={token.id}
                      intent="revoke"
                      disabled={busy}
                      which={<> {t("admin.integrations.revokeWhich", { name: token.name })}</>}
                    >
                      {t("admin.integrations.revoke")}
                    </ItemButton>
                  ) : null
                }
              >
                <Fact label={t("admin.integrations.tokenName")} className="font-medium">
                  {token.name}
                </Fact>
                <Fact label={t("admin.integrations.startsWith")} className="font-mono">
                  {token.prefix}…
                </Fact>
                <Fact label={t("admin.integrations.permissions")} className="break-words">
                  {token.scopes.join(", ")}
                </Fact>
                <Fact label={t("admin.integrations.status")}>
                  {token.status === "active"
                    ? token.expiresAt
                      ? t("admin.integrations.worksUntil", { date: dateTime(token.expiresAt) })
                      : t("admin.integrations.worksUntilRevoked")
                    : token.status === "expired"
                      ? t("admin.integrations.expired")
                      : t("admin.integrations.revokedStatus")}
                </Fact>
                <Fact label={t("admin.integrations.lastUsed")}>
                  {token.lastUsedAt ? dateTime(token.lastUsedAt) : t("admin.integrations.never")}
                </Fact>
                <Fact label={t("admin.integrations.created")}>{dateTime(token.createdAt)}</Fact>
              </RecordCard>
            ))}
          </ul>
        )}
      </TitledSection>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
