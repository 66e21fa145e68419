import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { countPoliciesAndCalendars } from "~/models/admin-deadlines.server";
import { countActiveApiTokens } from "~/models/api-token.server";
import { countAuditEvents } from "~/models/audit-log.server";
import { countSetAsideMails } from "~/models/outbox-admin.server";
import { countPeople } from "~/models/people.server";
import { countSetAsideWebhooks } from "~/models/webhook.server";
import { requirePermission } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Admin · Incident portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "settings:manage");
  const db = await getDb();
  const [{ policies, calendars }, setAside, changes, people, tokens, hooksSetAside] =
    await Promise.all([
      countPoliciesAndCalendars(db),
      countSetAsideMails(db),
      countAuditEvents(db),
      countPeople(db),
      countActiveApiTokens(db),
      countSetAsideWebhooks(db),
    ]);
  return { policies, calendars, setAside, changes, people, tokens, hooksSetAside };
}

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

export default function AdminIndex() {
  const { policies, calendars, setAside, changes, people, tokens, hooksSetAside } =
    useLoaderData<typeof loader>();
  const items = [
    {
      to: "/admin/people",
      title: "People and teams",
      text: "Add people and invite them, say who manages whom, import the HR system's export, deactivate leavers.",
      count: `${plural(people.active, "active person", "active people")}, ${plural(people.teams, "team", "teams")}`,
      attention: false,
    },
    {
      to: "/admin/deadlines",
      title: "Deadlines and calendars",
      text: "How long managers and HR have to respond, per severity, and the working hours and holidays those clocks count.",
      count:
        policies === 0
          ? "Built-in defaults in use"
          : `${plural(policies, "policy", "policies")}, ${plural(calendars, "calendar", "calendars")}`,
      attention: false,
    },
    {
      to: "/admin/critical-guidance",
      title: "Guidance after a critical report",
      text: "What someone who feels unsafe now reads after filing: the security desk, emergency numbers, that they may end the call.",
      count: "Shown on every critical report's confirmation",
      attention: false,
    },
    {
      to: "/admin/outbox",
      title: "Outgoing mail",
      text: "Mails that could not be delivered after repeated attempts, and a way to send them again.",
      count:
        setAside === 0 ? "Nothing set aside" : `${plural(setAside, "mail", "mails")} set aside`,
      attention: setAside > 0,
    },
    {
      to: "/admin/integrations",
      title: "Integrations",
      text: "API tokens for a CRM to keep account figures current and for an identity provider to keep people and teams current; webhooks that tell other systems what happens here.",
      count:
        (tokens === 0 ? "No API tokens" : plural(tokens, "active token", "active tokens")) +
        (hooksSetAside > 0
          ? `, ${plural(hooksSetAside, "webhook event", "webhook events")} set aside`
          : ""),
      attention: hooksSetAside > 0,
    },
    {
      to: "/admin/retention",
      title: "Retention",
      text: "How long resolved cases are kept, by outcome, and what the next retention run would remove.",
      count: "Cases under a legal hold are never purged",
      attention: false,
    },
    {
      to: "/admin/jurisdiction",
      title: "Jurisdiction templates",
      text: "Apply the clocks, categories and retention a law asks for (EU, UK, Japan, California, OSHA) in one step, after a preview.",
      count: "Each template names its source",
      attention: false,
    },
    {
      to: "/admin/audit",
      title: "Settings history",
      text: "Who changed deadlines, calendars, customer accounts and contacts, ran a CRM import or sent mail again; when, and from what to what.",
      count: changes === 0 ? "No changes recorded yet" : plural(changes, "change", "changes"),
      attention: false,
    },
  ];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Admin</h1>
      <ul className="grid gap-3 sm:grid-cols-2">
        {items.map((item) => (
          <li key={item.to} className="rounded-lg bg-white p-4 shadow-sm">
            <h2 className="text-lg font-semibold">
              <Link to={item.to} className="text-brand-700 underline">
                {item.title}
              </Link>
            </h2>
            <p className="mt-1 text-slate-700">{item.text}</p>
            <p
              className={`mt-2 text-sm ${item.attention ? "font-semibold text-amber-800" : "text-slate-600"}`}
            >
              {item.count}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
