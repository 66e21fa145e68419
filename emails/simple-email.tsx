import { formatFullDateTime } from "~/utils/format";
import { Button, EmailLayout } from "./layout";
import type { EmailContent, MailI18n } from "./types";

/**
 * Most of our mails are a few plain lines and one link. This builds the HTML and the plain
 * text from the same lines, so the two never drift apart.
 */
export function simpleEmail(
  m: MailI18n,
  p: {
    subject: string;
    paragraphs: string[];
    details?: [label: string, value: string][];
    link: string;
    linkLabel: string;
  },
): EmailContent {
  return {
    subject: p.subject,
    element: (
      <EmailLayout m={m} title={p.subject}>
        {p.paragraphs.map((text) => (
          <p key={text}>{text}</p>
        ))}
        {p.details?.length ? (
          <p>
            {p.details.map(([label, value], i) => (
              <span key={label}>
                {i > 0 ? <br /> : null}
                {label}: <strong>{value}</strong>
              </span>
            ))}
          </p>
        ) : null}
        <Button href={p.link}>{p.linkLabel}</Button>
      </EmailLayout>
    ),
    text: [
      ...p.paragraphs.flatMap((t) => [t, ""]),
      ...(p.details ?? []).map(([label, value]) => `${label}: ${value}`),
      ...(p.details?.length ? [""] : []),
      `${p.linkLabel}: ${p.link}`,
    ].join("\n"),
  };
}

/** Dates in mail: unambiguous, in the recipient's language, with the zone spelled out. */
export function mailDate(m: MailI18n, iso: string): string {
  return `${formatFullDateTime(iso, "Europe/London", m.language)} ${m.t("mail.ukTime")}`;
}
