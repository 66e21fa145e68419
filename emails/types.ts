import type { TFunction } from "i18next";
import type { ReactElement } from "react";

export type EmailContent = { subject: string; element: ReactElement; text: string };
export type RenderedEmail = { subject: string; html: string; text: string };

/** The recipient's language: its translate function and its code (for <html lang> and dates). */
export type MailI18n = { t: TFunction; language: string };
