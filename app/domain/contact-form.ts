import { z } from "zod";

export const contactFormSchema = z.object({
  name: z
    .string({ required_error: "Please give the contact's name." })
    .trim()
    .min(1, "Please give the contact's name.")
    .max(200, "Please keep the name under 200 characters."),
  jobTitle: z
    .string()
    .trim()
    .max(200, "Please keep the job title under 200 characters.")
    .optional(),
  email: z
    .string()
    .trim()
    .email("Please give a valid email address, or leave it empty.")
    .optional(),
});
