import type { ReactNode } from "react";
import type { MailI18n } from "./types";

// One calm, plain layout for every mail. Inline styles: mail clients ignore stylesheets.
export function EmailLayout({
  m,
  title,
  children,
}: {
  m: MailI18n;
  title: string;
  children: ReactNode;
}) {
  return (
    <html lang={m.language}>
      <head>
        <meta charSet="utf-8" />
        <title>{title}</title>
      </head>
      <body style={{ fontFamily: "Arial, sans-serif", color: "#1f2933", background: "#f5f7f7" }}>
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0}>
          <tbody>
            <tr>
              <td style={{ padding: "24px" }}>
                <div style={{ maxWidth: 560, margin: "0 auto", background: "#fff", padding: 24 }}>
                  <p style={{ color: "#195a55", fontWeight: "bold", margin: "0 0 16px" }}>
                    {m.t("common.portal")}
                  </p>
                  {children}
                  <p style={{ color: "#6b7280", fontSize: 12, marginTop: 32 }}>
                    {m.t("mail.privacy")}
                  </p>
                </div>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

export function Button({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      href={href}
      style={{
        display: "inline-block",
        background: "#1f6f68",
        color: "#fff",
        padding: "10px 16px",
        borderRadius: 6,
        textDecoration: "none",
      }}
    >
      {children}
    </a>
  );
}
