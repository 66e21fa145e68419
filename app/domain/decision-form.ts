import { z } from "zod";
import { optionalPlainText, plainText } from "./input-rules";
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

// The approver's answer to a proposed decision: a rejection must say why (the proposer reads it).
export const reviewFields = z
  .object({
    decisionId: z.string({ required_error: "Unknown decision." }).min(1, "Unknown decision."),
    answer: z.enum(["approve", "reject"], {
      errorMap: () => ({ message: "Please choose approve or reject." }),
    }),
    comment: optionalPlainText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.answer === "reject" && !v.comment)
      ctx.addIssue({
        code: "custom",
        path: ["comment"],
        message: "Please say why you reject it: the person who proposed it reads this.",
      });
  });
