import { describe, expect, it } from "vitest";
import { DEFAULT_TARGETS } from "~/domain/deadlines";
import { NEW_DEFAULT_CALENDAR } from "~/domain/calendar-form";
import { saveDefaultPolicy } from "~/models/admin-deadlines.server";
import { getDefaultPolicy } from "~/models/deadline-policy.server";
import { createIncident } from "~/models/incident.server";
import { getRetentionRules } from "~/models/retention.server";
import * as jurisdictionRoute from "~/routes/admin.jurisdiction";
import { toastIn } from "../fixtures/flash-toast";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// Jurisdiction templates through the admin page: the preview lists what would change, applying
// writes clocks, retention, categories and the settings history together, a template never
// loosens a setting, and what a template set stays editable.

const { db, org } = await orgForThisFile("jt");
const adminCookie = await loginCookie(org.admin.email);

const apply = (template: string) =>
  call(
    jurisdictionRoute.action,
    postRequest("/admin/jurisdiction", { template }, { cookie: adminCookie }),
  );

async function hrBroughtIn(category: "INTIMIDATION" | "VERBAL_ABUSE") {
  const c = await createIncident(db, {
    reporterId: org.employeeA.id,
    accountId: org.account.id,
    occurredAt: new Date(),
    channel: "PHONE",
    severity: "MEDIUM",
    categories: [category],
    narrative: "The customer stood over my desk and would not let me leave the call.",
  });
  const hr = await db.incidentParticipant.findMany({
    where: { incidentId: c.id, userId: { in: [org.hr.id, org.hr2.id] } },
  });
  return hr.length > 0;
}

describe("jurisdiction templates", () => {
  it("previews SB 553 and applies it in one step, with the settings history", async () => {
    const page = await call(
      jurisdictionRoute.loader,
      getRequest("/admin/jurisdiction?template=CA_SB553", adminCookie),
    );
    expect(page.status).toBe(200);
    const shown = JSON.stringify(page.body);
    expect(shown).toContain("Withdrawn reports");
    expect(shown).toContain('"to":"5 years"');
    // The preview wrote nothing.
    expect((await getRetentionRules(db)).withdrawnYears).toBe(2);

    const done = await apply("CA_SB553");
    expect(done.status).toBe(302);
    expect(done.location).toBe("/admin/jurisdiction");
    expect(await toastIn(done)).toMatchObject({ key: "toast.adminTemplateApplied" });
    const rules = await getRetentionRules(db);
    expect(rules.withdrawnYears).toBe(5);
    expect(rules.substantiatedYears).toBe(7);
    const actions = (await db.auditEvent.findMany({ orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(["RETENTION_POLICY_SAVED", "JURISDICTION_TEMPLATE_APPLIED"]),
    );
    const policy = await db.compliancePolicy.findUniqueOrThrow({ where: { id: "default" } });
    expect(policy.templates).toBe("CA_SB553");
    expect(policy.violenceCategories).toBe("THREATS,PHYSICAL_AGGRESSION");

    // Applying it again changes nothing, and says so in the history.
    await apply("CA_SB553");
    const last = await db.auditEvent.findFirstOrThrow({
      where: { action: "JURISDICTION_TEMPLATE_APPLIED" },
      orderBy: { at: "desc" },
    });
    expect(JSON.parse(last.data)).toMatchObject({ template: "CA_SB553", changed: false });
  });

  it("EU shortens a clock longer than 7 days and leaves shorter ones alone", async () => {
    const calendar = NEW_DEFAULT_CALENDAR;
    await saveDefaultPolicy(
      db,
      {
        calendarId: calendar,
        targets: DEFAULT_TARGETS.map((t) =>
          t.kind === "ACKNOWLEDGE" && t.severity === "LOW" ? { ...t, minutes: 10 * 480 } : t,
        ),
      },
      org.admin.id,
    );
    expect((await apply("EU_WHISTLEBLOWING")).status).toBe(302);
    const { targets } = await getDefaultPolicy(db);
    const find = (severity: string) =>
      targets.find((t) => t.kind === "ACKNOWLEDGE" && t.severity === severity)!;
    expect(find("LOW")).toMatchObject({ minutes: 7 * 24 * 60, businessHours: false });
    expect(find("HIGH")).toMatchObject({ minutes: 4 * 60, businessHours: true });
    const row = await db.auditEvent.findFirstOrThrow({
      where: { action: "JURISDICTION_TEMPLATE_APPLIED" },
      orderBy: { at: "desc" },
    });
    expect(row.data).toContain("Acknowledge, low");
  });

  it("UK brings HR onto intimidation from the start; categories stay editable", async () => {
    expect(await hrBroughtIn("INTIMIDATION")).toBe(false);
    expect((await apply("UK_THIRD_PARTY_HARASSMENT")).status).toBe(302);
    expect(await hrBroughtIn("INTIMIDATION")).toBe(true);
    expect((await getRetentionRules(db)).notSubstantiatedYears).toBe(6);

    const refused = await call(
      jurisdictionRoute.action,
      postRequest(
        "/admin/jurisdiction",
        { intent: "categories", violenceCategories: ["THREATS"] },
        { cookie: adminCookie },
      ),
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain(
      "Choose at least one category that brings HR onto a case.",
    );
    const saved = await call(
      jurisdictionRoute.action,
      postRequest(
        "/admin/jurisdiction",
        {
          intent: "categories",
          hrCategories: ["THREATS", "VERBAL_ABUSE"],
          violenceCategories: ["THREATS"],
        },
        { cookie: adminCookie },
      ),
    );
    expect(saved.status).toBe(302);
    expect(await toastIn(saved)).toMatchObject({ key: "toast.adminCategoriesSaved" });
    expect(await hrBroughtIn("INTIMIDATION")).toBe(false);
    expect(await hrBroughtIn("VERBAL_ABUSE")).toBe(true);
    const policy = await db.compliancePolicy.findUniqueOrThrow({ where: { id: "default" } });
    expect(policy.templates.split(",")).toEqual(
      expect.arrayContaining(["CA_SB553", "EU_WHISTLEBLOWING", "UK_THIRD_PARTY_HARASSMENT"]),
    );
    expect(await db.auditEvent.count({ where: { action: "JURISDICTION_CATEGORIES_SAVED" } })).toBe(
      1,
    );
  });

  it("refuses an unknown template with a 400", async () => {
    const res = await apply("ATLANTIS");
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("Choose a template from the list.");
  });
});
