import { addMessages, type Pattern } from "./messages";

// The sign-in, password and two-step messages (app/domain/password-policy.ts, the password-link
// model, the forms' schemas) mapped to their keys, for app/i18n/messages.ts: the rules and the
// API keep their English, a page in another language shows these translations.

export const AUTH_EXACT: Record<string, string> = {
  // The password rule (its lengths are patterns, below).
  "That password is one of the most commonly used ones, so it is easy to guess. Please choose another.":
    "password.errors.common",
  "Please choose a password.": "password.errors.choose",
  "Please type the password again.": "password.errors.typeAgain",
  "The two passwords are not the same. Please type it again.": "password.errors.notSame",
  // Changing one's own password.
  "Please enter your current password.": "password.errors.enterCurrent",
  "Please choose a new password.": "password.errors.chooseNew",
  "Please type the new password again.": "password.errors.typeNewAgain",
  "That is your current password. Please choose a new one.": "password.errors.sameAsCurrent",
  "That is not your current password.": "password.errors.notCurrent",
  // Password links (invitation, first admin, reset).
  "This link has already been used. Each link works once. If you have set your password, sign in; if not, ask for a new link.":
    "password.link.used",
  "This link has expired. Ask your administrator for a new invitation, or use “Forgot password” on the sign-in page.":
    "password.link.expired",
  "This account is no longer active, so the link cannot be used. Please contact your administrator.":
    "password.link.inactive",
  "This link is not valid. Please check that you copied the whole link from the mail.":
    "password.link.invalid",
  // Two-step sign-in codes.
  "Please enter the code from your authenticator app.": "auth.errors.enterCode",
  "That is longer than any code we issue.": "auth.errors.codeTooLong",
  "That code is not right, or was already used. Please try the current one.":
    "auth.errors.wrongCode",
  "Please enter the 6-digit code your app shows.": "twoFactor.errors.enterCode",
  "That code is not right. Please enter the one your app shows now.": "twoFactor.errors.wrongCode",
};

export const AUTH_PATTERNS: Pattern[] = [
  [
    /^Please use at least (\d+) characters\. A few words in a row are easy to remember\.$/,
    "password.errors.tooShort",
    (m) => ({ min: m[1] }),
  ],
  [/^Please use at most (\d+) characters\.$/, "password.errors.tooLong", (m) => ({ max: m[1] })],
];

// The sign-in and password pages import this module, which adds these to the table.
addMessages(AUTH_EXACT, AUTH_PATTERNS);
