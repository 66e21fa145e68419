import { Form, Link } from "@remix-run/react";
import { Field, inputClass, secondaryButtonClass } from "~/components/ui/field";
import type { TFunction } from "i18next";
import { WEBHOOK_EVENTS, type WebhookEventType } from "~/domain/webhooks";
import { useI18n } from "~/i18n/react";
import { useAdminMessages } from "~/i18n/admin-messages";

// The webhook pages' shared parts: the endpoint form's fields and the delivery log.

/** An event's description, as the form lists it. */
export function webhookEventLabel(t: TFunction, event: WebhookEventType): string {
  switch (event) {
    case "incident.filed":
      return t("admin.webhooks.events.incidentFiled");
    case "deadline.breached":
      return t("admin.webhooks.events.deadlineBreached");
    case "case.resolved":
      return t("admin.webhooks.events.caseResolved");
    case "decision.approved":
      return t("admin.webhooks.events.decisionApproved");
    case "account.flagged":
      return t("admin.webhooks.events.accountFlagged");
  }
}

export type EndpointValues = { url: string; description: string; events: string[] };

export function EndpointFields({
  values,
  errors,
  allowLoopback,
}: {
  values?: EndpointValues;
  errors: Record<string, string[] | undefined>;
  allowLoopback: boolean;
}) {
  const { t } = useI18n();
  const say = useAdminMessages();
  return (
    <>
      <Field
        id="webhook-url"
        label={t("admin.webhooks.url")}
        hint={allowLoopback ? t("admin.webhooks.urlHintLoopback") : t("admin.webhooks.urlHint")}
        errors={say(errors.url)}
        required
      >
        {(ids) => (
          <input
            {...ids}
            name="url"
            type="url"
            inputMode="url"
            autoComplete="off"
            defaultValue={values?.url}
            maxLength={500}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        id="webhook-description"
        label={t("admin.webhooks.description")}
        hint={t("admin.webhooks.descriptionHint")}
        errors={say(errors.description)}
      >
        {(ids) => (
          <input
            {...ids}
            name="description"
            defaultValue={values?.description}
            maxLength={100}
            className={inputClass}
          />
        )}
      </Field>
      <fieldset
        aria-describedby={errors.events ? "webhook-events-error" : undefined}
        className="space-y-1"
      >
        <legend className="font-medium">{t("admin.webhooks.eventsLegend")}</legend>
        {WEBHOOK_EVENTS.map((e) => (
          <label key={e} className="flex items-start gap-2">
            <input
              type="checkbox"
              name="events"
              value={e}
              defaultChecked={values?.events.includes(e)}
              className="mt-1 h-4 w-4"
            />
            <span>
              {webhookEventLabel(t, e)} <code className="text-sm text-slate-600">{e}</code>
            </span>
          </label>
        ))}
        {errors.events ? (
          <p id="webhook-events-error" className="text-sm font-medium text-red-700">
            {say(errors.events)?.join(" ")}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}

export function SecretOnce({ title, secret }: { title: string; secret: string }) {
  const { t } = useI18n();
  return (
    <div role="status" className="rounded-lg border border-emerald-700 bg-white p-4">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-slate-700">{t("admin.webhooks.copySecret")}</p>
      <label htmlFor="webhook-secret" className="mt-2 block text-sm font-medium">
        {t("admin.webhooks.secret")}
      </label>
      <input
        id="webhook-secret"
        readOnly
        value={secret}
        className={`${inputClass} font-mono text-sm`}
        onFocus={(e) => e.currentTarget.select()}
      />
    </div>
  );
}

export type LogRow = {
  id: string;
  eventId: string;
  type: string;
  reference: string | null;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string;
  deliveredAt: string | null;
  createdAt: string;
  endpointUrl: string;
};

function statusWord(t: TFunction, status: string): string {
  switch (status) {
    case "PENDING":
      return t("admin.webhooks.status.PENDING");
    case "SENDING":
      return t("admin.webhooks.status.SENDING");
    case "DELIVERED":
      return t("admin.webhooks.status.DELIVERED");
    case "DEAD":
      return t("admin.webhooks.status.DEAD");
    default:
      return status;
  }
}

/** The delivery log, newest first, with "Retry now" on set-aside rows. */
export function DeliveryLog({
  rows,
  nextHref,
  firstHref,
  busy,
  showEndpoint,
}: {
  rows: LogRow[];
  nextHref: string | null;
  firstHref: string | null;
  busy: boolean;
  showEndpoint: boolean;
}) {
  const { t, dateTime } = useI18n();
  return (
    <section aria-labelledby="delivery-log-heading" className="space-y-3">
      <h2 id="delivery-log-heading" className="text-lg font-semibold">
        {t("admin.webhooks.log")}
      </h2>
      {rows.length === 0 ? (
        <p className="text-slate-700">{t("admin.webhooks.noDeliveries")}</p>
      ) : (
        <ul className="space-y-2" aria-label={t("admin.webhooks.deliveriesLabel")}>
          {rows.map((d) => (
            <li key={d.id} className="rounded-lg bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <dl className="grid min-w-0 flex-1 grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-slate-600">{t("admin.webhooks.event")}</dt>
                  <dd className="break-words font-medium">
                    {d.type}
                    {d.reference ? " · " : null}
                    {d.reference}
                  </dd>
                  {showEndpoint ? (
                    <>
                      <dt className="text-slate-600">{t("admin.webhooks.to")}</dt>
                      <dd className="break-all">{d.endpointUrl}</dd>
                    </>
                  ) : null}
                  <dt className="text-slate-600">{t("admin.webhooks.statusLabel")}</dt>
                  <dd>
                    {statusWord(t, d.status)}
                    {d.status === "DELIVERED" && d.deliveredAt ? " " : null}
                    {d.status === "DELIVERED" && d.deliveredAt ? dateTime(d.deliveredAt) : null}
                  </dd>
                  <dt className="text-slate-600">{t("admin.webhooks.attempts")}</dt>
                  <dd>{d.attempts}</dd>
                  <dt className="text-slate-600">{t("admin.webhooks.lastAnswer")}</dt>
                  <dd className="break-words">
                    {d.lastStatus !== null
                      ? t("admin.webhooks.httpStatus", { status: d.lastStatus })
                      : null}
                    {d.lastStatus !== null && d.lastError ? " · " : null}
                    {d.lastError ?? (d.lastStatus === null ? t("admin.webhooks.noneYet") : null)}
                  </dd>
                  {d.status === "PENDING" ? (
                    <>
                      <dt className="text-slate-600">{t("admin.webhooks.nextAttempt")}</dt>
                      <dd>{dateTime(d.nextAttemptAt)}</dd>
                    </>
                  ) : null}
                  <dt className="text-slate-600">{t("admin.webhooks.eventId")}</dt>
                  <dd className="break-all font-mono text-xs">{d.eventId}</dd>
                  <dt className="text-slate-600">{t("admin.webhooks.queued")}</dt>
                  <dd>{dateTime(d.createdAt)}</dd>
                </dl>
                {d.status === "DEAD" ? (
                  <Form method="post">
                    <input type="hidden" name="id" value={d.id} />
                    <button
                      type="submit"
                      name="intent"
                      value="retry"
                      className={secondaryButtonClass}
                      disabled={busy}
                    >
                      {t("admin.webhooks.retry")}
                      <span className="sr-only"> {d.type}</span>
                    </button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label={t("admin.webhooks.logPages")} className="flex gap-4">
        {firstHref ? (
          <Link to={firstHref} className="text-brand-700 underline">
            {t("admin.webhooks.newest")}
          </Link>
        ) : null}
        {nextHref ? (
          <Link to={nextHref} className="text-brand-700 underline">
            {t("admin.webhooks.older")}
          </Link>
        ) : null}
      </nav>
    </section>
  );
}

/** The log's cursor in the address: `before=<created time>~<delivery id>`; else page one. */
export function parseDeliveryCursor(value: string | null) {
  const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~([\w-]{1,64})$/.exec(value ?? "");
  if (!m) return null;
  const createdAt = new Date(m[1]);
  return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id: m[2] };
}

export function formatDeliveryCursor(c: { createdAt: Date; id: string } | null) {
  return c ? `${c.createdAt.toISOString()}~${c.id}` : null;
}

type LogPage = {
  rows: {
    id: string;
    eventId: string;
    type: string;
    reference: string | null;
    status: string;
    attempts: number;
    lastStatus: number | null;
    lastError: string | null;
    nextAttemptAt: Date;
    deliveredAt: Date | null;
    createdAt: Date;
    endpoint: { url: string };
  }[];
  next: { createdAt: Date; id: string } | null;
};

/** A page of the delivery log as both webhook pages send it to the browser. */
export function deliveryLogForPage(log: LogPage) {
  return {
    next: formatDeliveryCursor(log.next),
    log: log.rows.map((d) => ({
      id: d.id,
      eventId: d.eventId,
      type: d.type,
      reference: d.reference,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
      endpointUrl: d.endpoint.url,
    })),
  };
}
