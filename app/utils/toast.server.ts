import { createCookie, redirect } from "@remix-run/node";
import { z } from "zod";
import { cookieSecure } from "./env.server";

// A success message shown once on the page a form redirects to ("flash"), in the reader's
// language: the cookie holds a translation key and its values, never text, so nothing shown
// can be written by anyone but the language files. It lives for one minute and is cleared by
// the first page that shows it (root.tsx).

export const toastSchema = z.object({
  /** Tells one toast from the next, so the page shows each once. */
  id: z.string().max(40),
  /** A key under "toast." in the language files, e.g. "toast.saved". */
  key: z.string().regex(/^toast\.[A-Za-z0-9_.]{1,80}$/),
  values: z.record(z.union([z.string().max(200), z.number()])).optional(),
});
export type Toast = z.infer<typeof toastSchema>;
export type ToastInput = Omit<Toast, "id">;

const toastCookie = createCookie("toast", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 60,
});

function cookieOptions() {
  return { secure: cookieSecure() };
}

/** Redirect to `url` and show `toast` there once. */
export async function redirectWithToast(url: string, toast: ToastInput, init?: ResponseInit) {
  const headers = new Headers(init?.headers);
  const value: Toast = { id: crypto.randomUUID(), ...toast };
  headers.append("Set-Cookie", await toastCookie.serialize(value, cookieOptions()));
  return redirect(url, { ...init, headers });
}

/** The toast waiting for this request, and the header that clears it (null when none). */
export async function readToast(
  request: Request,
): Promise<{ toast: Toast | null; clear: string | null }> {
  const raw: unknown = await toastCookie.parse(request.headers.get("Cookie")).catch(() => null);
  if (raw === null || raw === undefined) return { toast: null, clear: null };
  const parsed = toastSchema.safeParse(raw);
  const clear = await toastCookie.serialize("", { ...cookieOptions(), maxAge: 0 });
  return { toast: parsed.success ? parsed.data : null, clear };
}
