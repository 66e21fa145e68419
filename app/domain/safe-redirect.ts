// Where to send someone after signing in. Browsers read "/\evil.example", "/\t/evil.example"
// and "/%5Cevil" leniently (backslash as slash, tabs and newlines dropped), so anything that
// is not plainly a path on this site falls back to the home page.

const BASE = "http://portal.invalid";
const MAX_LENGTH = 2000;

export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_LENGTH) return fallback;
  // One leading slash, then not a second slash or backslash (protocol-relative URLs).
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Backslashes and control characters (tab, CR, LF, NUL, DEL…) anywhere: never a real link of ours.
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(to)) return fallback;
  // Encoded slashes or backslashes right after the first slash are refused too: some servers
  // and proxies decode before redirecting.
  if (/^\/(%2f|%5c)/i.test(to)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (parsed.origin !== BASE) return fallback;
  const path = parsed.pathname + parsed.search + parsed.hash;
  // The login pages themselves are never a destination (no loops back to sign-in).
  if (/^\/(login|logout)(\/|\?|#|$)/.test(path)) return fallback;
  return path;
}
