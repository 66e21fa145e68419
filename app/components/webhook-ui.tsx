import { Form, Link } from "@remix-run/react";
import { Field, inputClass, secondaryButtonClass } from "~/components/ui/field";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from "~/domain/webhooks";
import { formatDateTime } from "~/utils/format";

// The webhook pages' shared parts: the endpoint form's fields and the delivery log.

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
  return (
    <>
      <Field
        id="webhook-url"
        label="Address that receives the events"
        hint={
          allowLoopback
            ? "An https:// address (http:// is allowed to this machine, for testing)."
            : "An https:// address on the internet, e.g. https://hooks.example.com/portal."
        }
        errors={errors.url}
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
        label="Description"
        hint="Optional: which system this is, e.g. “Salesforce case sync”."
        errors={errors.description}
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
        <legend className="font-medium">Events to send</legend>
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
              {WEBHOOK_EVENT_LABELS[e]} <code className="text-sm text-slate-600">{e}</code>
            </span>
          </label>
        ))}
        {errors.events ? (
          <p id="webhook-events-error" className="text-sm font-medium text-red-700">
            {errors.events.join(" ")}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}

export function SecretOnce({ title, secret }: { title: string; secret: string }) {
  return (
    <div role="status" className="rounded-lg border border-emerald-700 bg-white p-4">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-slate-700">
        Copy the signing secret now: it is shown only this once. The receiving system uses it to
        check that each event came from the portal (see “Webhooks” in the README).
      </p>
      <label htmlFor="webhook-secret" className="mt-2 block text-sm font-medium">
        Signing secret
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

const STATUS_WORDS: Record<string, string> = {
  PENDING: "Waiting",
  SENDING: "Sending",
  DELIVERED: "Delivered",
  DEAD: "Set aside",
};

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
  return (
    <section aria-labelledby="delivery-log-heading" className="space-y-3">
      <h2 id="delivery-log-heading" className="text-lg font-semibold">
        Delivery log
      </h2>
      {rows.length === 0 ? (
        <p className="text-slate-700">No events sent yet.</p>
      ) : (
        <ul className="space-y-2" aria-label="Webhook deliveries">
          {rows.map((d) => (
            <li key={d.id} className="rounded-lg bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <dl className="grid min-w-0 flex-1 grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-slate-600">Event</dt>
                  <dd className="break-words font-medium">
                    {d.type}
                    {d.reference ? ` · ${d.reference}` : ""}
                  </dd>
                  {showEndpoint ? (
                    <>
                      <dt className="text-slate-600">To</dt>
                      <dd className="break-all">{d.endpointUrl}</dd>
                    </>
                  ) : null}
                  <dt className="text-slate-600">Status</dt>
                  <dd>
                    {STATUS_WORDS[d.status] ?? d.status}
                    {d.status === "DELIVERED" && d.deliveredAt
                      ? ` ${formatDateTime(d.deliveredAt)}`
                      : ""}
                  </dd>
                  <dt className="text-slate-600">Attempts</dt>
                  <dd>{d.attempts}</dd>
                  <dt className="text-slate-600">Last answer</dt>
                  <dd className="break-words">
                    {d.lastStatus !== null ? `HTTP ${d.lastStatus}` : ""}
                    {d.lastStatus !== null && d.lastError ? " · " : ""}
                    {d.lastError ?? (d.lastStatus === null ? "None yet" : "")}
                  </dd>
                  {d.status === "PENDING" ? (
                    <>
                      <dt className="text-slate-600">Next attempt</dt>
                      <dd>{formatDateTime(d.nextAttemptAt)}</dd>
                    </>
                  ) : null}
                  <dt className="text-slate-600">Event id</dt>
                  <dd className="break-all font-mono text-xs">{d.eventId}</dd>
                  <dt className="text-slate-600">Queued</dt>
                  <dd>{formatDateTime(d.createdAt)}</dd>
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
                      Retry now<span className="sr-only"> {d.type}</span>
                    </button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <nav aria-label="Delivery log pages" className="flex gap-4">
        {firstHref ? (
          <Link to={firstHref} className="text-brand-700 underline">
            Newest
          </Link>
        ) : null}
        {nextHref ? (
          <Link to={nextHref} className="text-brand-700 underline">
            Older deliveries
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
