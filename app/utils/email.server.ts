import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "./env.server";

// Every mail leaves through SMTP (SMTP_URL, e.g. smtps://user:pass@mail.example.com:465).

export type MailMessage = {
  messageId: string;
  to: string;
  subject: string;
  html: string;
  text: string;
};

export type MailSender = (message: MailMessage) => Promise<void>;

export function smtpSender(smtpUrl = getEnv().SMTP_URL, from = getEnv().MAIL_FROM): MailSender {
  const transport: Transporter = nodemailer.createTransport(smtpUrl, {
    // Reused connections, one per delivery lane of the outbox (DELIVERY_LANES in
    // app/jobs/outbox.server.ts): a backlog after an outage goes out quickly.
    pool: true,
    maxConnections: 8,
    maxMessages: 1_000,
    // Fail fast when the server is down: the outbox retries later anyway.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as object);
  return async (m) => {
    await transport.sendMail({
      from,
      to: m.to,
      subject: m.subject,
      html: m.html,
      text: m.text,
      messageId: m.messageId,
    });
  };
}

const UNREACHABLE_CODES = new Set(["ECONNECTION", "ESOCKET", "ETIMEDOUT", "EDNS", "ECONNREFUSED"]);
/** SMTP answers that speak for the server, not one message: "service not available", "local error". */
const UNAVAILABLE_ANSWERS = new Set([421, 451]);

/**
 * True when the mail server itself is unavailable (not reached, timed out, or answering 421 or
 * 451), rather than refusing one message. Such failures pause delivery; they are not counted
 * as a mail's attempts.
 */
export function isMailServerUnavailable(error: unknown): boolean {
  const e = error as { code?: string; responseCode?: number } | null;
  if (e?.code && UNREACHABLE_CODES.has(e.code)) return true;
  return typeof e?.responseCode === "number" && UNAVAILABLE_ANSWERS.has(e.responseCode);
}
