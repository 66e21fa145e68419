import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { downloadByPostOnly, refusedDownload } from "~/utils/hr-download.server";
import { action as bundlesAction } from "./hr.bundles";

// The bundle download as a resource route (see ~/utils/hr-download.server): a refusal goes back
// to /hr/bundles with the reference typed.

export async function loader({ request }: LoaderFunctionArgs) {
  return downloadByPostOnly(request, "hr.downloads.bundles");
}

export async function action(args: ActionFunctionArgs) {
  const answer = await bundlesAction(args);
  if (answer instanceof Response) return answer;
  return refusedDownload("/hr/bundles", "reference", 40, answer.data?.result);
}
