// Finds a Chromium for Playwright. Playwright's own download cannot reach its host on
// machines without general internet, so we use the system browser: CHROMIUM_PATH, then the
// usual Debian/Ubuntu paths, then (as root with apt) installing Debian's `chromium` package.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

export function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH))
    return process.env.CHROMIUM_PATH;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (isRoot && hasApt) {
    console.log("→ Installing Chromium for the browser tests (apt-get install chromium)…");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    found = findChromium();
    if (found) return found;
  }
  console.error(
    [
      "✗ No Chromium found for the browser tests.",
      "  Install one and run again, for example:",
      "    sudo apt-get install -y chromium        (Debian/Ubuntu)",
      "    npx playwright install chromium         (where Playwright's download host is reachable;",
      "                                             then set CHROMIUM_PATH to its executable)",
      "  or point CHROMIUM_PATH at any Chromium or Chrome executable.",
    ].join("\n"),
  );
  process.exit(1);
}
