import { parseWithZod } from "@conform-to/zod";
import { topLevelErrors } from "~/utils/submission-errors";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { TitledSection } from "~/components/titled-section";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { OutcomeNote } from "~/components/record-list";
import { buttonClass, secondaryButtonClass } from "~/components/ui/field";
import { DeliveryLog, EndpointFields, SecretOnce } from "~/components/webhook-ui";
import { endpointForPage, endpointFormValues, type EndpointValues } from "~/components/webhook-ui";
import { webhookFormSchema } from "~/domain/webhooks";
import {
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  deliveryLogPage,
  retryWebhookDelivery,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhookEndpoint,
  webhookAllowsLoopback as allowLoopback,
} from "~/models/webhook.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/read-form.server";
import { pageTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/react";
import { adminMessage } from "~/i18n/admin-messages";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admin.webhooks.oneTitle");

const notFound = () => new Response("Not found", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  const db = await getDb();
  const endpoint = await getWebhookEndpoint(db, params.id ?? "");
  if (!endpoint) throw notFound();
  const before = new URL(request.url).searchParams.get("before");
  return {
    allowLoopback: allowLoopback(),
    endpoint: endpointForPage(endpoint),
    ...(await deliveryLogPage(db, before, endpoint.id)),
  };
}

type ActionData =
  | { intent: "save"; ok: true; message: string }
  | {
      intent: "save";
      ok: false;
      fieldErrors: Record<string, string[] | undefined>;
      values: EndpointValues & { active: boolean };
    }
  | { intent: "rotate"; ok: true; secret: string }
  | { intent: "other"; ok: boolean; message: string };

const simple = z.object({
  intent: z.enum(["test", "rotate", "delete", "retry", "enable", "disable"]),
  id: z.string().max(64).optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "settings:manage");
  const db = await getDb();
  const endpoint = await getWebhookEndpoint(db, params.id ?? "");
  if (!endpoint) throw notFound();
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "save") {
    const values = { ...endpointFormValues(form), active: form.get("active") === "on" };
    const submission = parseWithZod(form, {
      schema: webhookFormSchema({ allowLoopback: allowLoopback() }),
    });
    if (submission.status !== "success") {
      return data<ActionData>(
        { intent: "save", ok: false, fieldErrors: topLevelErrors(submission), values },
        { status: 400 },
      );
    }
    await updateWebhookEndpoint(db, user.id, endpoint.id, {
      ...submission.value,
      active: values.active,
    });
    return data<ActionData>({ intent: "save", ok: true, message: "The webhook is saved." });
  }
  const submission = parseWithZod(form, { schema: simple });
  if (submission.status !== "success") {
    return data<ActionData>(
      {
        intent: "other",
        ok: false,
        message: "That request was not understood. Please reload the page.",
      },
      { status: 400 },
    );
  }
  switch (submission.value.intent) {
    case "delete":
      await deleteWebhookEndpoint(db, user.id, endpoint.id);
      return redirect("/admin/webhooks");
    case "rotate": {
      const secret = await rotateWebhookSecret(db, user.id, endpoint.id);
      if (!secret) throw notFound();
      return data<ActionData>({ intent: "rotate", ok: true, secret });
    }
    case "test":
      await sendTestWebhook(db, user.id, endpoint.id);
      return data<ActionData>({
        intent: "other",
        ok: true,
        message: "A test event is queued; it appears in the log below once sent.",
      });
    case "enable":
    case "disable":
      await updateWebhookEndpoint(db, user.id, endpoint.id, {
        url: endpoint.url,
        description: endpoint.description,
        events: endpoint.events,
        active: submission.value.intent === "enable",
      });
      return data<ActionData>({
        intent: "other",
        ok: true,
        message:
          submission.value.intent === "enable"
            ? "The webhook is active again; waiting events go out on the next delivery run."
            : "The webhook is disabled: no new events are queued for it, and waiting ones wait.",
      });
    case "retry": {
      const done =
        !!submission.value.id &&
        (await retryWebhookDelivery(db, user.id, submission.value.id, { endpointId: endpoint.id }));
      return data<ActionData>(
        done
          ? { intent: "other", ok: true, message: "The event is back in the queue." }
          : { intent: "other", ok: false, message: "That delivery is no longer set aside." },
        { status: done ? 200 : 400 },
      );
    }
  }
}

export default function AdminWebhook() {
  const { endpoint, log, next, firstPage, allowLoopback } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, language } = useI18n();
  const busy = useNavigation().state === "submitting";
  const failed = result?.intent === "save" && !result.ok ? result : null;
  const values = failed?.values ?? endpoint;
  const said = result && "message" in result ? result : null;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link to="/admin" className="text-brand-700 underline">
            {t("admin.webhooks.admin")}
          </Link>{" "}
          ·{" "}
          <Link to="/admin/webhooks" className="text-brand-700 underline">
            {t("admin.webhooks.heading")}
          </Link>
        </p>
        <h1 className="break-all text-2xl font-semibold">
          {t("admin.webhooks.oneHeading", { url: endpoint.url })}
        </h1>
        <p className="mt-2 text-slate-700">
          {endpoint.active ? t("admin.webhooks.active") : t("admin.webhooks.inactive")} ·{" "}
          {t("admin.webhooks.secretStartsLower")}{" "}
          <span className="font-mono">{endpoint.secretPrefix}…</span>
        </p>
      </div>

      {result?.intent === "rotate" ? (
        <SecretOnce title={t("admin.webhooks.newSecret")} secret={result.secret} />
      ) : null}
      {said ? (
        <OutcomeNote ok={said.ok}>{adminMessage(t, said.message, language)}</OutcomeNote>
      ) : null}

      <section aria-labelledby="actions-heading" className="space-y-2">
        <h2 id="actions-heading" className="sr-only">
          {t("admin.webhooks.actions")}
        </h2>
        <Form method="post" className="flex flex-wrap gap-2">
          <button
            type="submit"
            name="intent"
            value="test"
            className={secondaryButtonClass}
            disabled={busy}
          >
            {t("admin.webhooks.test")}
          </button>
          <button
            type="submit"
            name="intent"
            value={endpoint.active ? "disable" : "enable"}
            className={secondaryButtonClass}
            disabled={busy}
          >
            {endpoint.active ? t("admin.webhooks.disable") : t("admin.webhooks.enable")}
          </button>
          <button
            type="submit"
            name="intent"
            value="rotate"
            className={secondaryButtonClass}
            disabled={busy}
          >
            {t("admin.webhooks.rotate")}
          </button>
        </Form>
      </section>

      <TitledSection
        id="edit-heading"
        className="rounded-lg bg-white p-4 shadow-sm"
        title={t("admin.webhooks.editHeading")}
      >
        <Form method="post" className="mt-3 space-y-4" noValidate>
          <input type="hidden" name="intent" value="save" />
          <EndpointFields
            values={values}
            errors={failed?.fieldErrors ?? {}}
            allowLoopback={allowLoopback}
          />
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              name="active"
              defaultChecked={values.active}
              className="h-4 w-4"
            />
            <span>{t("admin.webhooks.activeCheckbox")}</span>
          </label>
          <button type="submit" className={buttonClass} disabled={busy}>
            {t("admin.webhooks.save")}
          </button>
        </Form>
      </TitledSection>

      <DeliveryLog
        rows={log}
        busy={busy}
        showEndpoint={false}
        firstHref={firstPage ? null : `/admin/webhooks/${endpoint.id}`}
        nextHref={next ? `/admin/webhooks/${endpoint.id}?before=${encodeURIComponent(next)}` : null}
      />

      <TitledSection
        id="delete-heading"
        className="rounded-lg border border-red-200 bg-white p-4"
        title={t("admin.webhooks.deleteHeading")}
      >
        <p className="mt-1 text-slate-700">{t("admin.webhooks.deleteText")}</p>
        <Form method="post" className="mt-3">
          <button
            type="submit"
            name="intent"
            value="delete"
            className={secondaryButtonClass}
            disabled={busy}
          >
            {t("admin.webhooks.delete")}
          </button>
        </Form>
      </TitledSection>
    </div>
  );
}
export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error-boundary";
