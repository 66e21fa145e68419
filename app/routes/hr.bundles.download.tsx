import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { pageLanguage } from "~/i18n/i18n.server";
import { serverT } from "~/i18n/resources.server";
import { requirePermission } from "~/utils/auth.server";
import { action as bundlesAction } from "./hr.bundles";

// The bundle download as a resource route: a page route's action cannot answer a browser's form
// post with a file (Remix reads it as the page's data). The rules stay in the page's action; a
// refusal goes back to the page with what was typed, where it shows next to the field
// in the reader's language (the page translates the message).

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  // Someone who opened the address directly: said in their language.
  const t = serverT(await pageLanguage(request, user.language));
  return new Response(t("hr.downloads.bundles"), {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
  });
}

export async function action(args: ActionFunctionArgs) {
  const answer = await bundlesAction(args);
  if (answer instanceof Response) return answer;
  const result = answer.data?.result;
  const typed = result?.initialValue?.reference;
  const reference = typeof typed === "string" ? typed : "";
  const error = result?.error?.reference?.[0] ?? "";
  const back = new URLSearchParams({ problem: error, reference: reference.slice(0, 40) });
  return redirect(`/hr/bundles?${back}`, 303);
}
