import { simpleEmail } from "./simple-email";

// No customer name, no report text: only that an account was flagged and where to look.
export type RepeatOffenderData = { reference: string; accountId: string };

export function repeatOffender(d: RepeatOffenderData, appUrl: string) {
  return simpleEmail({
    subject: "An account has been flagged for leadership review",
    paragraphs: [
      "A customer contact has been involved in a second incident within 12 months, so their account has been flagged for leadership review.",
      "The flag stays until a decision on the account is recorded.",
    ],
    link: `${appUrl}/accounts/${d.accountId}`,
    linkLabel: "Open the account",
  });
}
