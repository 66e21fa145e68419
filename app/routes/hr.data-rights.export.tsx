import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { downloadByPostOnly, refusedDownload } from "~/utils/hr-download.server";
import { action as dataRightsAction } from "./hr.data-rights";

// The data-rights download as a resource route (see ~/utils/hr-download.server): a refusal goes
// back to /hr/data-rights with the email typed.

export async function loader({ request }: LoaderFunctionArgs) {
  return downloadByPostOnly(request, "hr.downloads.dataRights");
}

export async function action(args: ActionFunctionArgs) {
  const answer = await dataRightsAction(args);
  if (answer instanceof Response) return answer;
  const result = answer.data?.result;
  const chosen = result?.error?.intent?.[0] ?? "Choose what to do.";
  return refusedDownload("/hr/data-rights", "email", 320, result, chosen);
}
