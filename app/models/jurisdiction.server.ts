import { auditDiff, hasChanges } from "~/domain/audit-diff";
import { NEW_DEFAULT_CALENDAR } from "~/domain/calendar-form";
import {
  CATEGORY_DEFAULTS,
  findTemplate,
  hasPlanChanges,
  parseCategoryList,
  planTemplate,
  type CategorySettings,
  type TemplateCode,
  type TemplatePlan,
} from "~/domain/jurisdictions";
import type { Db, Tx } from "~/utils/db.server";
import { saveDefaultPolicyIn } from "./admin-deadlines.server";
import { recordAudit } from "./audit-log.server";
import { getDefaultPolicy } from "./deadline-policy.server";
import { getRetentionRules, saveRetentionRulesIn } from "./retention.server";

// Jurisdiction templates (admins): preview what a template would change, then apply it in one
// transaction that writes the deadline targets, the retention rules, the category settings and
// the settings-history rows together. The category settings are also edited here directly.

const POLICY_ID = "default";

export async function getCategorySettings(
  db: Db | Tx,
): Promise<CategorySettings & { templates: TemplateCode[]; saved: boolean }> {
  const row = await db.compliancePolicy.findUnique({ where: { id: POLICY_ID } });
  if (!row) return { ...CATEGORY_DEFAULTS, templates: [], saved: false };
  return {
    hrCategories: parseCategoryList(row.hrCategories),
    violenceCategories: parseCategoryList(row.violenceCategories),
    templates: row.templates.split(",").filter((c) => findTemplate(c)) as TemplateCode[],
    saved: true,
  };
}

function workdayMinutes(calendar: { dayStart: string; dayEnd: string }): number {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return Math.max(60, m(calendar.dayEnd) - m(calendar.dayStart));
}

async function currentPlan(db: Db | Tx, code: TemplateCode): Promise<TemplatePlan> {
  const template = findTemplate(code);
  if (!template) throw new Error(`Unknown template ${code}`);
  const [policy, { saved: _saved, ...retention }, categories] = await Promise.all([
    getDefaultPolicy(db),
    getRetentionRules(db),
    getCategorySettings(db),
  ]);
  return planTemplate(template, {
    targets: policy.targets,
    retention,
    categories,
    workdayMinutes: workdayMinutes(policy.calendar),
  });
}

/** What applying the template would change now, without writing anything. */
export function previewTemplate(db: Db, code: TemplateCode): Promise<TemplatePlan> {
  return currentPlan(db, code);
}

async function writeCategories(
  tx: Tx,
  p: { actorId: string; value: CategorySettings; templates: string[]; at: Date },
) {
  const data = {
    hrCategories: p.value.hrCategories.join(","),
    violenceCategories: p.value.violenceCategories.join(","),
    templates: p.templates.join(","),
    updatedAt: p.at,
  };
  await tx.compliancePolicy.upsert({
    where: { id: POLICY_ID },
    create: { id: POLICY_ID, ...data },
    update: data,
  });
}

/**
 * Applies a template: the plan is computed again inside the transaction (a change saved since
 * the preview counts), then every part is written with its own settings-history row and one
 * JURISDICTION_TEMPLATE_APPLIED row that lists everything the template changed.
 */
export async function applyTemplate(
  db: Db,
  p: { code: TemplateCode; actorId: string; now?: Date },
): Promise<TemplatePlan> {
  const at = p.now ?? new Date();
  return db.$transaction(async (tx) => {
    const plan = await currentPlan(tx, p.code);
    const current = await getCategorySettings(tx);
    if (plan.changes.clocks.length) {
      const policy = await tx.deadlinePolicy.findFirst({
        where: { isDefault: true },
        select: { calendarId: true },
      });
      await saveDefaultPolicyIn(
        tx,
        { calendarId: policy?.calendarId ?? NEW_DEFAULT_CALENDAR, targets: plan.targets },
        p.actorId,
      );
    }
    if (plan.changes.retention.length)
      await saveRetentionRulesIn(tx, { actorId: p.actorId, rules: plan.retention, now: at });
    const templates = [...new Set([...current.templates, p.code])];
    await writeCategories(tx, { actorId: p.actorId, value: plan.categories, templates, at });
    await recordAudit(tx, {
      actorId: p.actorId,
      action: "JURISDICTION_TEMPLATE_APPLIED",
      subjectType: "COMPLIANCE_POLICY",
      subjectId: POLICY_ID,
      data: { template: p.code, changed: hasPlanChanges(plan), ...plan.changes },
      at,
    });
    return plan;
  });
}

export async function saveCategorySettings(
  db: Db,
  p: { actorId: string; value: CategorySettings; now?: Date },
) {
  const at = p.now ?? new Date();
  await db.$transaction(async (tx) => {
    const before = await getCategorySettings(tx);
    const join = (s: CategorySettings) => ({
      hrCategories: s.hrCategories.join(", "),
      violenceCategories: s.violenceCategories.join(", ") || "none",
    });
    const changes = auditDiff(join(before), join(p.value), ["hrCategories", "violenceCategories"]);
    await writeCategories(tx, {
      actorId: p.actorId,
      value: p.value,
      templates: before.templates,
      at,
    });
    if (hasChanges(changes) || !before.saved)
      await recordAudit(tx, {
        actorId: p.actorId,
        action: "JURISDICTION_CATEGORIES_SAVED",
        subjectType: "COMPLIANCE_POLICY",
        subjectId: POLICY_ID,
        data: changes,
        at,
      });
  });
}
