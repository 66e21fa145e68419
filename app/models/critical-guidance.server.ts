import { DEFAULT_GUIDANCE, GUIDANCE_KEY } from "~/domain/critical-guidance";
import type { Db } from "~/utils/db.server";
import { recordAudit } from "./audit-log.server";

/** The guidance shown after a Critical report: the admin's text, or the default. */
export async function getCriticalGuidance(db: Db): Promise<{ text: string; isDefault: boolean }> {
  const row = await db.portalSetting.findUnique({ where: { key: GUIDANCE_KEY } });
  return row ? { text: row.value, isDefault: false } : { text: DEFAULT_GUIDANCE, isDefault: true };
}

/** Saves it with its settings-history row in one transaction; unchanged text writes nothing. */
export async function saveCriticalGuidance(
  db: Db,
  p: { actorId: string; text: string; now?: Date },
): Promise<{ changed: boolean }> {
  const before = await getCriticalGuidance(db);
  if (before.text === p.text) return { changed: false };
  await db.$transaction(async (tx) => {
    await tx.portalSetting.upsert({
      where: { key: GUIDANCE_KEY },
      create: { key: GUIDANCE_KEY, value: p.text },
      update: { value: p.text },
    });
    await recordAudit(tx, {
      actorId: p.actorId,
      action: "GUIDANCE_UPDATED",
      subjectType: "SETTING",
      subjectId: GUIDANCE_KEY,
      data: { guidance: { from: before.text, to: p.text } },
      at: p.now,
    });
  });
  return { changed: true };
}
