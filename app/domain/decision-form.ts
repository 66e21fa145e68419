import { z } from "zod";
import { plainText } from "./input-rules";
import { DECISIONS } from "./sanctions";

// The fields of a decision on an account, as the case page and the account page send them.

export const decisionFields = z.object({
  decision: z.enum(DECISIONS, { errorMap: () => ({ message: "Please choose a decision." }) }),
  rationale: plainText("Please write the rationale.", 5000, 3),
  approverId: z
    .string({ required_error: "Please choose an approver." })
    .min(1, "Please choose an approver."),
  consulted: z.enum(["yes", "no"], {
    errorMap: () => ({ message: "Please say whether the employees were consulted." }),
  }),
  watch: z.literal("on").optional(),
});
