import { Link } from "@remix-run/react";
import { TitledSection } from "~/components/titled-section";
import { CodeChoices, Fact, ItemButton, RecordCard, ShownOnce } from "~/components/record-list";
import { Field, inputClass } from "~/components/ui/field";
import type { TFunction } from "i18next";
import { WEBHOOK_EVENTS, type WebhookEventType } from "~/domain/webhooks";
import type { deliveryLogPage } from "~/models/webhook.server";
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

/** The endpoint form's values as typed, to show again when they are refused. */
export function endpointFormValues(form: FormData): EndpointValues {
  return {
    url: String(form.get("url") ?? ""),
    description: String(form.get("description") ?? ""),
    events: form.getAll("events").map(String),
  };
}

/** An endpoint as the webhook pages send it to the browser (the secret's first letters only). */
export function endpointForPage(e: {
  id: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  secretPrefix: string;
}) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events,
    active: e.active,
    secretPrefix: e.secretPrefix,
  };
}

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
      <CodeChoices
        name="events"
        legend={t("admin.webhooks.eventsLegend")}
        errorId="webhook-events-error"
        errors={say(errors.events)}
        options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: webhookEventLabel(t, e) }))}
        checked={values?.events}
      />
    </>
  );
}

export function SecretOnce({ title, secret }: { title: string; secret: string }) {
  const { t } = useI18n();
  return (
    <ShownOnce
      id="webhook-secret"
      title={title}
      note={t("admin.webhooks.copySecret")}
      label={t("admin.webhooks.secret")}
      value={secret}
    />
  );
}

/** A delivery as the log shows it. */
export type LogRow = Awaited<ReturnType<typeof deliveryLogPage>>["log"][number];

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
    <TitledSection id="delivery-log-heading" className="space-y-3" title={t("admin.webhooks.log")}>
      {rows.length === 0 ? (
        <p className="text-slate-700">{t("admin.webhooks.noDeliveries")}</p>
      ) : (
        <ul className="space-y-2" aria-label={t("admin.webhooks.deliveriesLabel")}>
          {rows.map((d) => (
            <RecordCard
              key={d.id}
              factsClassName="grid min-w-0 flex-1 grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm"
              action={
                d.status === "DEAD" ? (
                  <ItemButton id={d.id} intent="retry" disabled={busy} which={<> {d.type}</>}>
                    {t("admin.webhooks.retry")}
                  </ItemButton>
                ) : null
              }
            >
              <Fact label={t("admin.webhooks.event")} className="break-words font-medium">
                {d.type}
                {d.reference ? " · " : null}
                {d.reference}
              </Fact>
              {showEndpoint ? (
                <Fact label={t("admin.webhooks.to")} className="break-all">
                  {d.endpointUrl}
                </Fact>
              ) : null}
              <Fact label={t("admin.webhooks.statusLabel")}>
                {statusWord(t, d.status)}
                {d.status === "DELIVERED" && d.deliveredAt ? " " : null}
                {d.status === "DELIVERED" && d.deliveredAt ? dateTime(d.deliveredAt) : null}
              </Fact>
              <Fact label={t("admin.webhooks.attempts")}>{d.attempts}</Fact>
              <Fact label={t("admin.webhooks.lastAnswer")} className="break-words">
                {d.lastStatus !== null
                  ? t("admin.webhooks.httpStatus", { status: d.lastStatus })
                  : null}
                {d.lastStatus !== null && d.lastError ? " · " : null}
                {d.lastError ?? (d.lastStatus === null ? t("admin.webhooks.noneYet") : null)}
              </Fact>
              {d.status === "PENDING" ? (
                <Fact label={t("admin.webhooks.nextAttempt")}>{dateTime(d.nextAttemptAt)}</Fact>
              ) : null}
              <Fact label={t("admin.webhooks.eventId")} className="break-all font-mono text-xs">
                {d.eventId}
              </Fact>
              <Fact label={t("admin.webhooks.queued")}>{dateTime(d.createdAt)}</Fact>
            </RecordCard>
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
    </TitledSection>
  );
}
