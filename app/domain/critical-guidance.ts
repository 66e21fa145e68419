import { z } from "zod";
import { plainText } from "./input-rules";

// What someone who has just filed a Critical report reads first (decision 057). Admins write it
// for their organisation; until they do, this calm default stands.

export const GUIDANCE_KEY = "critical-guidance";
export const GUIDANCE_MAX = 2_000;

export const DEFAULT_GUIDANCE = [
  "You may end the call or leave the conversation now. You do not need anyone's permission.",
  "If you are in danger, call the emergency services on 999 (112 from a mobile anywhere in Europe).",
  "The security desk can walk you to your car or transport and stay with you.",
  "Your manager and the next level up have been told at once and will contact you.",
].join("\n");

export const guidanceFields = z.object({
  guidance: plainText("Please write the guidance (it may not be empty).", GUIDANCE_MAX),
});
