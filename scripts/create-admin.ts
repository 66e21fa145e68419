// Creates an admin with no password and prints a single-use link (72 hours) to set one.
// For the first admin of an empty installation, or an admin who lost access.
// Usage: npm run create-admin -- --email ada@example.com [--name "Ada Admin"]
// Exit code: 0 link printed, 1 refused (message says why), 2 could not run.
import { passwordLinkPath } from "~/models/password-link.server";
import { createAdmin } from "~/models/people.server";
import { disconnectDb, getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

function arg(name: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  if (at >= 0) return args[at + 1];
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

let code = 0;
const email = arg("email");
if (!email) {
  console.error('Usage: npm run create-admin -- --email you@example.com [--name "Your Name"]');
  process.exit(1);
}
try {
  const result = await createAdmin(await getDb(), { email, name: arg("name") });
  if (!result.ok) {
    console.error(result.message);
    code = 1;
  } else {
    const url = `${getEnv().APP_URL.replace(/\/$/, "")}${passwordLinkPath(result.token)}`;
    console.log(
      result.created
        ? `Created the admin ${result.email}.`
        : `${result.email} is already an admin; here is a new link (earlier ones no longer work).`,
    );
    console.log(
      `Open this link to set the password (it works once, until ${result.expiresAt.toISOString()}):`,
    );
    console.log(`\n  ${url}\n`);
  }
} catch (err) {
  console.error(`Could not create the admin: ${err instanceof Error ? err.message : String(err)}`);
  code = 2;
} finally {
  await disconnectDb();
}
process.exit(code);
