import { parseWithZod } from "@conform-to/zod";
import { topLevelErrors } from "~/utils/submission-errors";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { TitledSection } from "~/components/titled-section";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Fact, OutcomeNote } from "~/components/record-list";
import { buttonClass } from "~/components/ui/field";
import { DeliveryLog, EndpointFields, SecretOnce } from "~/components/webhook-ui";
import { endpointForPage, endpointFormValues, type EndpointValues } from "~/components/webhook-ui";
import { MAX_DELIVERY_ATTEMPTS } from "~/domain/backoff";
import { webhookFormSchema } from "~/domain/webhooks";
import {
  countSetAsideWebhooks,
  createWebhookEndpoint,
  ENDPOINT_LIST_LIMIT,
  deliveryLogPage,
  listWebhookEndpoints,
  retryWebhookDelivery,
  webhookAllowsLoopback as allowLoopback,
} from "~/models/webhook.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { adminMessage } from "~/i18n/admin-messages";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.webhooks.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  const db = await getDb();
  const before = new URL(request.url).searchParams.get("before");
  const [endpoints, log, setAside] = await Promise.all([
    listWebhookEndpoints(db),
    deliveryLogPage(db, before),
    countSetAsideWebhooks(db),
  ]);
  return {
    allowLoopback: allowLoopback(),
    setAside,
    endpoints: endpoints.map(endpointForPage),
    ...log,
  };
}

type ActionData =
  | { intent: "create"; ok: true; url: string; secret: string }
  | {
      intent: "create";
      ok: false;
      fieldErrors: Record<string, string[] | undefined>;
      values: EndpointValues;
    }
  | { intent: "retry"; ok: boolean; message: string };

const retrySchema = z.object({ intent: z.literal("retry"), id: z.string().min(1).max(64) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "settings:manage");
  const db = await getDb();
  const form = await readForm(request);
  if (form.get("intent") === "retry") {
    const submission = parseWithZod(form, { schema: retrySchema });
    const done =
      submission.status === "success" &&
      (await retryWebhookDelivery(db, user.id, submission.value.id));
    return data<ActionData>(
      done
        ? {
            intent: "retry",
            ok: true,
            message: "The event is back in the queue; it goes out on the next delivery run.",
          }
        : { intent: "retry", ok: false, message: "That delivery is no longer set aside." },
      { status: done ? 200 : 400 },
    );
  }
  const values = endpointFormValues(form);
  const submission = parseWithZod(form, {
    schema: webhookFormSchema({ allowLoopback: allowLoopback() }),
  });
  if (submission.status !== "success") {
    return data<ActionData>(
      { intent: "create", ok: false, fieldErrors: topLevelErrors(submission), values },
      { status: 400 },
    );
  }
  const endpoint = await createWebhookEndpoint(db, user.id, submission.value);
  return data<ActionData>({
    intent: "create",
    ok: true,
    url: endpoint.url,
    secret: endpoint.secret,
  });
}

export default function AdminWebhooks() {
  const { endpoints, log, next, firstPage, setAside, allowLoopback } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, language } = useI18n();
  const busy = useNavigation().state === "submitting";
  const failed = result?.intent === "create" && !result.ok ? result : null;
  const created = result?.intent === "create" && result.ok ? result : null;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link to="/admin" className="text-brand-700 underline">
            {t("admin.webhooks.admin")}
          </Link>{" "}
          ·{" "}
          <Link to="/admin/integrations" className="text-brand-700 underline">
            {t("admin.webhooks.integrations")}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{t("admin.webhooks.heading")}</h1>
        <p className="mt-2 text-slate-700">
          {t("admin.webhooks.intro", { attempts: MAX_DELIVERY_ATTEMPTS })}
        </p>
        {setAside > 0 ? (
          <p className="mt-2 font-medium text-amber-900">
            {t("admin.webhooks.setAside", { count: setAside })}
          </p>
        ) : null}
      </div>

      {created ? (
        <SecretOnce
          title={t("admin.webhooks.registered", { url: created.url })}
          secret={created.secret}
        />
      ) : null}
      {result?.intent === "retry" ? (
        <OutcomeNote ok={result.ok}>{adminMessage(t, result.message, language)}</OutcomeNote>
      ) : null}

      <TitledSection
        id="endpoints-heading"
        className="space-y-3"
        title={t("admin.webhooks.endpoints")}
      >
        {endpoints.length === ENDPOINT_LIST_LIMIT ? (
          <p className="text-sm text-slate-700">
            {t("admin.webhooks.showingNewest", { count: ENDPOINT_LIST_LIMIT })}
          </p>
        ) : null}
        {endpoints.length === 0 ? (
          <p className="text-slate-700">{t("admin.webhooks.noWebhooks")}</p>
        ) : (
          <ul className="space-y-2" aria-label={t("admin.webhooks.endpointsLabel")}>
            {endpoints.map((e) => (
              <li key={e.id} className="rounded-lg bg-white p-4 shadow-sm">
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <Fact label={t("admin.webhooks.address")} className="break-all font-medium">
                    {e.url}
                  </Fact>
                  {e.description ? (
                    <Fact label={t("admin.webhooks.description")} className="break-words">
                      {e.description}
                    </Fact>
                  ) : null}
                  <Fact label={t("admin.webhooks.eventsLabel")} className="break-words">
                    {e.events.join(", ")}
                  </Fact>
                  <Fact label={t("admin.webhooks.statusLabel")}>
                    {e.active ? t("admin.webhooks.active") : t("admin.webhooks.inactive")}
                  </Fact>
                  <Fact label={t("admin.webhooks.secretStarts")} className="font-mono">
                    {e.secretPrefix}…
                  </Fact>
                </dl>
                <p className="mt-2">
                  <Link to={`/admin/webhooks/${e.id}`} className="text-brand-700 underline">
                    {t("admin.webhooks.manage")}
                    <span className="sr-only">
                      {" "}
                      {t("admin.webhooks.manageWhich", { url: e.url })}
                    </span>
                  </Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </TitledSection>

      <TitledSection
        id="new-webhook-heading"
        className="rounded-lg bg-white p-4 shadow-sm"
        title={t("admin.webhooks.registerHeading")}
      >
        <Form method="post" className="mt-3 space-y-4" noValidate>
          <input type="hidden" name="intent" value="create" />
          <EndpointFields
            values={failed?.values}
            errors={failed?.fieldErrors ?? {}}
            allowLoopback={allowLoopback}
          />
          <button type="submit" className={buttonClass} disabled={busy}>
            {t("admin.webhooks.register")}
          </button>
        </Form>
      </TitledSection>

      <DeliveryLog
        rows={log}
        busy={busy}
        showEndpoint
        firstHref={firstPage ? null : "/admin/webhooks"}
        nextHref={next ? `/admin/webhooks?before=${encodeURIComponent(next)}` : null}
      />
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
