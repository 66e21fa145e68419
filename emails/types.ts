import type { ReactElement } from "react";

export type EmailContent = { subject: string; element: ReactElement; text: string };
export type RenderedEmail = { subject: string; html: string; text: string };
