import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { pageLanguage } from "~/i18n/i18n.server";
import { serverT } from "~/i18n/resources.server";
import { requirePermission } from "~/utils/auth.server";
import { action as dataRightsAction } from "./hr.data-rights";

// The data-rights download as a resource route: a page route's action cannot answer a browser's
// form post with a file (Remix reads it as the page's data). The rules stay in the page's
// action; a refusal goes back to the page with what was typed, where it shows next to the field
// in the reader's language (the page translates the message).

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "cases:review");
  // Someone who opened the address directly: said in their language.
  const t = serverT(await pageLanguage(request, user.language));
  return new Response(t("hr.downloads.dataRights"), {
    status: 405,
    headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" },
  });
}

export async function action(args: ActionFunctionArgs) {
  const answer = await dataRightsAction(args);
  if (answer instanceof Response) return answer;
  const result = answer.data?.result;
  const typed = result?.initialValue?.email;
  const email = typeof typed === "string" ? typed : "";
  const error = result?.error?.email?.[0] ?? result?.error?.intent?.[0] ?? "Choose what to do.";
  const back = new URLSearchParams({ problem: error, email: email.slice(0, 320) });
  return redirect(`/hr/data-rights?${back}`, 303);
}
