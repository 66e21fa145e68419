import type { SubmissionResult } from "@conform-to/react";

/**
 * A refused conform submission's messages by top-level field ("events[0]" counts as "events"),
 * for pages whose forms show errors per field name rather than through useForm.
 */
export function topLevelErrors(submission: {
  reply: () => SubmissionResult<string[]>;
}): Record<string, string[] | undefined> {
  const out: Record<string, string[] | undefined> = {};
  for (const [path, messages] of Object.entries(submission.reply().error ?? {})) {
    if (!messages?.length) continue;
    const name = path.split(/[.[]/)[0] || "";
    out[name] = [...new Set([...(out[name] ?? []), ...messages])];
  }
  return out;
}
