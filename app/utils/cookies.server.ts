import { Cookie } from "lucia";

// Cookie reading that never throws: a Cookie header is whatever the browser (or a sibling
// subdomain that set a cookie for ours) sends, and one badly %-encoded cookie must not make
// every page fail for that browser.

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** The value of cookie `name` in a Cookie header, or null; undecodable cookies are skipped. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const item of header.split(";")) {
    const eq = item.indexOf("=");
    if (eq < 0) continue;
    const key = safeDecode(item.slice(0, eq).trim());
    if (key !== name) continue;
    const raw = item.slice(eq + 1).trim();
    const value = safeDecode(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
    if (value) return value;
  }
  return null;
}

/** A true browser-session cookie: the same cookie without Max-Age/Expires. */
export function browserSessionCookie(cookie: Cookie): string {
  const { maxAge: _maxAge, expires: _expires, ...attributes } = cookie.attributes;
  return new Cookie(cookie.name, cookie.value, attributes).serialize();
}
