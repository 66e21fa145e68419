import { getDb } from "~/utils/db.server";

/** For load balancers and the demo script: the app is up and its database answers. */
export async function loader() {
  const db = await getDb();
  await db.$queryRawUnsafe("SELECT 1");
  return new Response("ok", { headers: { "Cache-Control": "no-store" } });
}
