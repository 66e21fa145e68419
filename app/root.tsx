import {
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  LiveReload,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  type ShouldRevalidateFunctionArgs,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { browserPayload, fixedT, PAYLOAD_ELEMENT_ID } from "./i18n/config";
import { pageLanguage } from "./i18n/i18n.server";
import { SiteHeader } from "./components/site-header";
import { can } from "./domain/permissions";
import { countOpenCases, countOverdueCases } from "./models/incident.server";
import { getDb } from "./utils/db.server";
import stylesheet from "./tailwind.css";
import { getOptionalUser } from "./utils/auth.server";
import { useNonce } from "./utils/nonce";
import { OfflineSupport } from "./components/offline-support";
import { isKeptOnDevice } from "./domain/offline";
import { readToast } from "./utils/toast.server";
import { ToastMessage } from "./components/ui/toast";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  // Installable on a phone, usable without a signal (decision 080).
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icons/apple-touch-icon.png" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: fixedT(data?.locale ?? "en")("common.portal") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  // The person's language setting, else the browser's (app/i18n/i18n.server.ts).
  const locale = await pageLanguage(request, user?.language);
  // A success message a form left for this page, cleared as it is shown.
  const { toast, clear } = await readToast(request);
  const headers = clear ? { "Set-Cookie": clear } : undefined;
  if (!user) return data({ user: null, locale, toast }, { headers });
  const db = await getDb();
  // Leadership gets a queue only while a case is escalated to them.
  const handles =
    can(user.role, "cases:handle") ||
    (can(user.role, "queue:view") && (await countOpenCases(db, user)) > 0);
  return data(
    {
      user: {
        id: user.id,
        name: user.name,
        role: user.role,
        handles,
        overdue: handles ? await countOverdueCases(db, user) : 0,
        admin: can(user.role, "settings:manage"),
      },
      locale,
      toast,
    },
    { headers },
  );
}

/**
 * A report kept on the phone for lack of a signal reloads nothing (there is no connection).
 * Otherwise React Router's own rule for the layout: after a submission, or when the address's
 * query changes or it is the same address again (a route that exports this function is always
 * told `defaultShouldRevalidate: true` under single fetch, so the rule is restated here).
 */
export function shouldRevalidate({
  actionResult,
  formMethod,
  currentUrl,
  nextUrl,
}: ShouldRevalidateFunctionArgs) {
  if (isKeptOnDevice(actionResult)) return false;
  return (
    (!!formMethod && formMethod.toUpperCase() !== "GET") ||
    currentUrl.search !== nextUrl.search ||
    currentUrl.pathname + currentUrl.search === nextUrl.pathname + nextUrl.search
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const { i18n } = useTranslation();
  const locale = useRouteLoaderData<typeof loader>("root")?.locale ?? i18n.language;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#14473f" />
        <Meta />
        <Links />
        {/* The page's words for the browser's i18next (read by entry.client.tsx): data, not a
            script, so the CSP is not involved and no request is made for them. */}
        <script
          id={PAYLOAD_ELEMENT_ID}
          type="application/json"
          nonce={nonce}
          dangerouslySetInnerHTML={{
            __html: browserPayload(i18n.getResourceBundle(i18n.language, "translation")),
          }}
        />
      </head>
      <body className="min-h-screen">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {/* npm run dev only: reloads the page after a rebuild (renders nothing in production) */}
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user, locale, toast } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  // The browser holds one language's words. When the page's language changes (a new language
  // setting, signing in as someone else), the page is loaded again in the new one.
  useEffect(() => {
    if (locale && locale !== i18n.language) window.location.reload();
  }, [locale, i18n.language]);
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
      >
        {t("nav.skipToContent")}
      </a>
      <SiteHeader user={user} />
      <OfflineSupport userId={user?.id ?? null} />
      <ToastMessage toast={toast} />
      <main id="main" className="mx-auto max-w-5xl px-4 py-6">
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">
        {notFound ? t("errorPage.notFoundTitle") : t("errorPage.title")}
      </h1>
      <p className="mt-4 text-slate-700">
        {notFound
          ? t("errorPage.notFoundText")
          : isRouteErrorResponse(error) && status < 500
            ? String(error.data)
            : t("errorPage.text")}
      </p>
      <p className="mt-6">
        <Link to="/" className="text-brand-700 underline">
          {t("errorPage.back")}
        </Link>
      </p>
    </main>
  );
}
