// Finds a Chromium for Playwright. Playwright's own download cannot reach its host on
// machines without general internet, so we use the system's: CHROMIUM_PATH, then Debian's
// headless shell, then the usual Debian/Ubuntu browser paths; as root with apt it installs what
// is missing. The headless shell (Debian's `chromium-headless-shell`: the same Chromium without
// the browser's window layer) is what Playwright itself runs headless tests in; here it took a
// third less CPU than the full `chromium` for the same tests (decision 111).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
const BROWSERS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

/** CHROMIUM_PATH, else the headless shell, else a full browser; null when there is none. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH))
    return process.env.CHROMIUM_PATH;
  return [HEADLESS_SHELL, ...BROWSERS].find((p) => existsSync(p)) ?? null;
}

/** apt-get install as root where apt exists; true when it worked. */
function aptInstall(pkg) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (!isRoot || !hasApt) return false;
  console.log(`→ Installing ${pkg} for the browser tests (apt-get install ${pkg})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () =>
    spawnSync("apt-get", ["install", "-y", "-qq", pkg], { stdio: "inherit", env }).status === 0;
  if (install()) return true;
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  return install();
}

export function ensureChromium() {
  const found = findChromium();
  if (found === process.env.CHROMIUM_PATH || found === HEADLESS_SHELL) return found;
  // No headless shell: install it where we can, else use the browser that is there.
  if (aptInstall("chromium-headless-shell") && existsSync(HEADLESS_SHELL)) return HEADLESS_SHELL;
  if (found) return found;
  if (aptInstall("chromium") && findChromium()) return findChromium();
  console.error(
    [
      "✗ No Chromium found for the browser tests.",
      "  Install one and run again, for example:",
      "    sudo apt-get install -y chromium-headless-shell    (Debian; or the package chromium)",
      "    npx playwright install chromium         (where Playwright's download host is reachable;",
      "                                             then set CHROMIUM_PATH to its executable)",
      "  or point CHROMIUM_PATH at any Chromium or Chrome executable.",
    ].join("\n"),
  );
  process.exit(1);
}
