// `npm run bench` prints how much JavaScript the report form's page (/reports/new) makes a phone
// download: every script its document loads (the build's route manifest, the client entry, the
// layout and the form's route, with all the chunks they import), each gzipped as served. The
// budget is 150 kB (decision 080). Reads the last `npm run build` (public/build).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 150;
const ROUTES = ["root", "routes/reports.new"];

type ManifestEntry = { module: string; imports?: string[] };
type RemixManifest = {
  url?: string;
  entry: ManifestEntry;
  routes: Record<string, ManifestEntry>;
};

export function filingPageScripts(buildDir = path.resolve("public/build")) {
  const manifestFile = readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!manifestFile) return null;
  const text = readFileSync(path.join(buildDir, manifestFile), "utf8");
  const manifest = JSON.parse(
    text.replace(/^window\.__remixManifest\s*=\s*/, "").replace(/;\s*$/, ""),
  ) as RemixManifest;
  const urls = new Set<string>([`/build/${manifestFile}`]);
  for (const entry of [manifest.entry, ...ROUTES.map((id) => manifest.routes[id])]) {
    if (!entry) throw new Error("The build has no report form route: run `npm run build`.");
    urls.add(entry.module);
    for (const u of entry.imports ?? []) urls.add(u);
  }
  const files = [...urls].map((url) => {
    const bytes = readFileSync(path.join(buildDir, url.replace(/^\/build\//, "")));
    return { url, raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
  });
  return {
    files,
    raw: files.reduce((n, f) => n + f.raw, 0),
    gzip: files.reduce((n, f) => n + f.gzip, 0),
  };
}

export function printFilingPageScripts() {
  const result = filingPageScripts();
  if (!result) {
    console.log("filing page JavaScript: no build found (run `npm run build` first)");
    return;
  }
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log(
    `${"filing page JavaScript (/reports/new)".padEnd(40)} ${kb(result.gzip).padStart(7)} kB gzipped` +
      `  (${kb(result.raw)} kB raw, ${result.files.length} scripts; budget ${BUDGET_KB} kB gzipped)` +
      (result.gzip > BUDGET_KB * 1024 ? "  OVER BUDGET" : ""),
  );
}
