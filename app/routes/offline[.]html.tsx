import type { LoaderFunctionArgs } from "@remix-run/node";
import { pageLanguage } from "~/i18n/i18n.server";
import { serverT } from "~/i18n/resources.server";
import { getOptionalUser } from "~/utils/auth.server";
import { offlinePageHtml } from "~/utils/offline-page.server";

// The "no connection" page, in the language of whoever asks: the service worker fetches it
// when it installs and again when the page's language changes, and shows its kept copy in
// place of a page that cannot load (decision 108). It holds nobody's data.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const language = await pageLanguage(request, user?.language);
  return new Response(offlinePageHtml(serverT(language), language), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      // The service worker compares it with the page's language.
      "Content-Language": language,
      // No Vary: the service worker's cache would then match on request headers it never sets.
      "Cache-Control": "no-store",
    },
  });
}
