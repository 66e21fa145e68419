import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { can } from "~/domain/permissions";
import type { Role } from "~/domain/vocabulary";

export type HeaderUser = {
  name: string;
  role: string;
  handles: boolean;
  overdue: number;
  admin: boolean;
};

// On a phone the full navigation took a quarter of the screen before the report form started,
// so below the `sm` breakpoint it folds into a "Menu" disclosure. `<details>` keeps it usable
// by keyboard and without JavaScript.

function navItems(user: HeaderUser, t: TFunction) {
  const items: { to: string; label: string; badge?: number }[] = [
    { to: "/reports/new", label: t("nav.reportIncident") },
    { to: "/reports", label: t("nav.myReports") },
  ];
  if (user.handles) items.push({ to: "/queue", label: t("nav.queue"), badge: user.overdue });
  const role = user.role as Role;
  if (can(role, "cases:review")) items.push({ to: "/hr/cases", label: t("nav.histories") });
  // Admins reach people and teams from the admin home; HR (who read them) from here.
  if (can(role, "people:view") && !user.admin) {
    items.push({ to: "/admin/people", label: t("nav.people") });
  }
  if (can(role, "cases:review")) items.push({ to: "/hr/holds", label: t("nav.legalHolds") });
  if (can(role, "cases:review")) items.push({ to: "/hr/records", label: t("nav.records") });
  if (can(role, "aggregates:view")) items.push({ to: "/dashboard", label: t("nav.dashboard") });
  if (can(role, "accounts:manage")) items.push({ to: "/accounts", label: t("nav.accounts") });
  // Leadership and HR approve decisions on accounts (decision 055).
  if (can(role, "decisions:approve")) items.push({ to: "/approvals", label: t("nav.approvals") });
  if (user.admin) items.push({ to: "/admin", label: t("nav.admin") });
  return items;
}

function OverdueBadge({ count }: { count?: number }) {
  const { t } = useTranslation();
  if (!count) return null;
  return (
    <span className="ml-2 rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">
      {count}
      <span className="sr-only"> {t("nav.overdue")}</span>
    </span>
  );
}

function NavItems({ user, stacked }: { user: HeaderUser; stacked?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {navItems(user, t).map((item) => (
        <NavLink
          key={item.to}
          to={item.to}
          end={item.to === "/reports"}
          className={({ isActive }) =>
            `rounded px-3 py-2 text-sm font-medium ${stacked ? "block text-base" : ""} ${
              isActive ? "bg-brand-700 text-white" : "text-brand-50 hover:bg-brand-700"
            }`
          }
        >
          {item.label}
          <OverdueBadge count={item.badge} />
        </NavLink>
      ))}
    </>
  );
}

function AccountLink({ stacked }: { stacked?: boolean }) {
  const { t } = useTranslation();
  return (
    <NavLink
      to="/account"
      className={({ isActive }) =>
        `rounded px-3 py-2 text-sm ${stacked ? "block text-base" : ""} ${
          isActive ? "bg-brand-700 text-white" : "text-brand-50 hover:bg-brand-700"
        }`
      }
    >
      {t("nav.yourAccount")}
    </NavLink>
  );
}

function SignOut({ user }: { user: HeaderUser }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/logout">
      <button type="submit" className="rounded px-3 py-2 text-sm text-brand-50 hover:bg-brand-700">
        {t("nav.signOut")} <span className="sr-only">{user.name}</span>
      </button>
    </Form>
  );
}

export function SiteHeader({ user }: { user: HeaderUser | null }) {
  // Remounting on navigation closes the phone menu once a link in it was followed.
  const { pathname } = useLocation();
  const { t } = useTranslation();
  return (
    <header className="relative bg-brand-800 text-white">
      <div className="mx-auto flex max-w-5xl items-center gap-2 px-4 py-2 sm:flex-wrap sm:py-3">
        <Link to="/" className="mr-4 py-2 font-semibold">
          {t("common.portal")}
        </Link>
        {user ? (
          <>
            <nav aria-label={t("nav.main")} className="hidden flex-1 flex-wrap gap-1 sm:flex">
              <NavItems user={user} />
            </nav>
            <div className="hidden items-center sm:flex">
              <AccountLink />
              <SignOut user={user} />
            </div>
            <details key={pathname} className="group ml-auto sm:hidden">
              <summary className="flex cursor-pointer list-none items-center rounded border border-brand-600 px-3 py-2 text-sm font-medium hover:bg-brand-700 [&::-webkit-details-marker]:hidden">
                <span className="group-open:hidden">{t("nav.menu")}</span>
                <span className="hidden group-open:inline">{t("nav.closeMenu")}</span>
                <OverdueBadge count={user.handles ? user.overdue : 0} />
              </summary>
              <div className="absolute inset-x-0 top-full z-20 border-t border-brand-700 bg-brand-800 px-4 pb-3 pt-2 shadow-lg">
                <nav aria-label={t("nav.main")} className="flex flex-col gap-1">
                  <NavItems user={user} stacked />
                </nav>
                <div className="mt-2 border-t border-brand-700 pt-2">
                  <AccountLink stacked />
                  <SignOut user={user} />
                </div>
              </div>
            </details>
          </>
        ) : null}
      </div>
    </header>
  );
}
