import { describe, expect, it } from "vitest";
import { rolesWith } from "~/domain/permissions";
import {
  CASE_INTENTS,
  CASE_PICKS,
  caseIntentProblem,
  isCasePick,
  mayGiveStatement,
  mayOwnAction,
  nextStep,
  ROLES_FOR_PICK,
  supportAnswerProblem,
} from "~/domain/case-rules";

describe("case rules", () => {
  it("a resolved case allows only looking, notes, talking to the reporter and reopening", () => {
    const allowed = CASE_INTENTS.filter((i) => caseIntentProblem(i, "RESOLVED") === null);
    expect(allowed.sort()).toEqual(["message", "note", "reopen", "resolve", "update", "view"]);
    expect(caseIntentProblem("protect", "RESOLVED")).toMatch(/resolved/);
    expect(caseIntentProblem("acknowledge", "RESOLVED")).toMatch(/resolved/);
  });

  it("an open case allows every intent (repeats are answered by the models)", () => {
    for (const intent of CASE_INTENTS) expect(caseIntentProblem(intent, "IN_PROGRESS")).toBeNull();
  });

  it("an action's owner is an active manager, HR or leadership member not in the report", () => {
    const people = { reporterId: "rep", namedUserIds: ["named"] };
    expect(mayOwnAction({ id: "m", role: "MANAGER", active: true }, people)).toBe(true);
    expect(mayOwnAction({ id: "l", role: "LEADERSHIP", active: true }, people)).toBe(true);
    expect(mayOwnAction({ id: "e", role: "EMPLOYEE", active: true }, people)).toBe(false);
    expect(mayOwnAction({ id: "m", role: "MANAGER", active: false }, people)).toBe(false);
    expect(mayOwnAction({ id: "rep", role: "MANAGER", active: true }, people)).toBe(false);
    expect(mayOwnAction({ id: "named", role: "HR", active: true }, people)).toBe(false);
  });

  it("only an active witness listed in the report may be asked for a statement", () => {
    const people = { reporterId: "rep", namedUserIds: ["named"], witnessIds: ["w", "named"] };
    expect(mayGiveStatement({ id: "w", active: true }, people)).toBe(true);
    expect(mayGiveStatement({ id: "w", active: false }, people)).toBe(false);
    expect(mayGiveStatement({ id: "other", active: true }, people)).toBe(false);
    expect(mayGiveStatement({ id: "named", active: true }, people)).toBe(false);
  });

  it("declining support needs a reason", () => {
    expect(supportAnswerProblem("DECLINED", " ")).toMatch(/reason/);
    expect(supportAnswerProblem("DECLINED", "Not possible this quarter")).toBeNull();
    expect(supportAnswerProblem("ARRANGED", null)).toBeNull();
  });

  it("names the next step from the case's state", () => {
    const base = {
      status: "ACKNOWLEDGED" as const,
      assessed: false,
      unansweredSupport: 0,
      protectiveClockOpen: true,
      statementsAwaited: 0,
    };
    expect(nextStep({ ...base, status: "SUBMITTED" })).toBe("acknowledge");
    expect(nextStep({ ...base, unansweredSupport: 1 })).toBe("answerSupport");
    expect(nextStep(base)).toBe("protect");
    expect(nextStep({ ...base, protectiveClockOpen: false })).toBe("assess");
    expect(nextStep({ ...base, status: "RESOLVED" })).toBe("reopenIfNeeded");
  });
});

describe("who the case page's pickers offer", () => {
  it("approvers are exactly those who may approve decisions; handlers are managers and HR", () => {
    expect([...ROLES_FOR_PICK.approver].sort()).toEqual([...rolesWith("decisions:approve")].sort());
    expect(ROLES_FOR_PICK.handler).toEqual(["MANAGER", "HR"]);
    expect(ROLES_FOR_PICK.owner).not.toContain("EMPLOYEE");
    expect(CASE_PICKS.every(isCasePick)).toBe(true);
    expect(isCasePick("everyone")).toBe(false);
  });
});
