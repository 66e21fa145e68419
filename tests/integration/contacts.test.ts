import { beforeAll, describe, expect, it } from "vitest";
import * as contactRoute from "~/routes/accounts.$id_.contacts.$contactId";
import { call, getRequest, loginCookie, postRequest } from "../fixtures/http";
import { orgForThisFile } from "../fixtures/org";

// HR and admins add, correct and confirm customer contacts; nobody else may.

const { db, org } = await orgForThisFile();

beforeAll(async () => {
  await db.customerContact.update({
    where: { id: org.contact.id },
    data: { needsConfirmation: true },
  });
});

const params = (contactId: string) => ({ id: org.account.id, contactId });

describe("customer contacts", () => {
  it("lets HR correct and confirm a contact a reporter added", async () => {
    const cookie = await loginCookie(org.hr.email);
    const path = `/accounts/${org.account.id}/contacts/${org.contact.id}`;
    const page = await call(contactRoute.loader, getRequest(path, cookie), params(org.contact.id));
    expect(page.status).toBe(200);
    const saved = await call(
      contactRoute.action,
      postRequest(
        path,
        { name: "Pat Shouter", jobTitle: "CFO", email: "pat@globex.example" },
        { cookie },
      ),
      params(org.contact.id),
    );
    expect(saved.status).toBe(302);
    const contact = await db.customerContact.findUniqueOrThrow({ where: { id: org.contact.id } });
    expect([contact.jobTitle, contact.email, contact.needsConfirmation]).toEqual([
      "CFO",
      "pat@globex.example",
      false,
    ]);
  });

  it("lets an admin add a contact, and refuses a bad one with field messages", async () => {
    const cookie = await loginCookie(org.admin.email);
    const path = `/accounts/${org.account.id}/contacts/new`;
    const bad = await call(
      contactRoute.action,
      postRequest(path, { name: "", email: "not an email" }, { cookie }),
      params("new"),
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("Please give the contact's name.");
    expect(JSON.stringify(bad.body)).toContain("valid email");
    const good = await call(
      contactRoute.action,
      postRequest(path, { name: "Quinn Calm" }, { cookie }),
      params("new"),
    );
    expect(good.status).toBe(302);
    expect(
      await db.customerContact.count({ where: { accountId: org.account.id, name: "Quinn Calm" } }),
    ).toBe(1);
  });

  it("answers 404 to everyone else, and for a contact of another account", async () => {
    for (const person of [org.employeeA, org.managerA, org.leadership]) {
      const cookie = await loginCookie(person.email);
      const path = `/accounts/${org.account.id}/contacts/${org.contact.id}`;
      expect(
        (await call(contactRoute.loader, getRequest(path, cookie), params(org.contact.id))).status,
      ).toBe(404);
      const post = await call(
        contactRoute.action,
        postRequest(path, { name: "Hacked" }, { cookie }),
        params(org.contact.id),
      );
      expect(post.status).toBe(404);
    }
    const other = await db.customerAccount.create({
      data: { crmId: "OTHER-1", name: "Other Ltd", segment: "SMB" },
    });
    const hr = await loginCookie(org.hr.email);
    const wrong = await call(
      contactRoute.loader,
      getRequest(`/accounts/${other.id}/contacts/${org.contact.id}`, hr),
      { id: other.id, contactId: org.contact.id },
    );
    expect(wrong.status).toBe(404);
    expect(
      (await db.customerContact.findUniqueOrThrow({ where: { id: org.contact.id } })).name,
    ).toBe("Pat Shouter");
  });
});
