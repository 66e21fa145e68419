import { z } from "zod";

/** The work email typed to sign in or to ask for a reset link. */
export const workEmailSchema = z
  .string({ required_error: "Please enter your work email." })
  .trim()
  .email("Please enter a valid email address.")
  .max(254);
