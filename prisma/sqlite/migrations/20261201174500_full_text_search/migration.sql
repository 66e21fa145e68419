-- Full-text search over cases (docs/decisions/086-full-text-search.md). Hand-written: none of
-- this is in schema.prisma. "IncidentSearch" holds one search document per case (reference,
-- reporter, account, narrative, impact, contact names, case messages), rebuilt by the triggers
-- below in the same transaction as any write to those columns; "IncidentSearchFts" is an FTS5
-- trigram index over it (external content, so the text is stored once), kept in step by the
-- three triggers on "IncidentSearch".
--
-- The update triggers fire only on a real change: a CRM sync or people import that writes the
-- same name again rewrites nothing (an account can have thousands of cases).
--
-- A later migration that redefines one of the tables named in a trigger (Prisma's SQLite
-- "new_<table>, copy, drop, rename") drops that table's triggers with it: recreate them there.
-- tests/integration/migrations.test.ts fails if one is missing.

-- "id" grows with each new case, so its order is the order cases were filed: text searches list
-- newest first by it, which FTS5 streams in rowid order and stops at a page.
CREATE TABLE "IncidentSearch" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "doc" TEXT NOT NULL
);
CREATE UNIQUE INDEX "IncidentSearch_incidentId_key" ON "IncidentSearch"("incidentId");

-- Trigrams match any substring of three characters or more, whatever the language (Japanese
-- has no spaces between words); case and diacritics are ignored.
CREATE VIRTUAL TABLE "IncidentSearchFts" USING fts5(
    "doc",
    content = 'IncidentSearch',
    content_rowid = 'id',
    tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER "IncidentSearchFts_insert" AFTER INSERT ON "IncidentSearch" BEGIN
    INSERT INTO "IncidentSearchFts" (rowid, "doc") VALUES (NEW."id", NEW."doc");
END;
CREATE TRIGGER "IncidentSearchFts_delete" AFTER DELETE ON "IncidentSearch" BEGIN
    INSERT INTO "IncidentSearchFts" ("IncidentSearchFts", rowid, "doc") VALUES ('delete', OLD."id", OLD."doc");
END;
CREATE TRIGGER "IncidentSearchFts_update" AFTER UPDATE ON "IncidentSearch" BEGIN
    INSERT INTO "IncidentSearchFts" ("IncidentSearchFts", rowid, "doc") VALUES ('delete', OLD."id", OLD."doc");
    INSERT INTO "IncidentSearchFts" (rowid, "doc") VALUES (NEW."id", NEW."doc");
END;

CREATE TRIGGER "IncidentSearch_incident_insert" AFTER INSERT ON "Incident" BEGIN
    INSERT INTO "IncidentSearch" ("incidentId", "doc")
    SELECT i."id", concat_ws(' ', i."reference", u."name", a."name", i."narrative", i."impact",
      (SELECT group_concat(c."name", ' ') FROM "IncidentContact" ic
         JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
      (SELECT group_concat(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id"))
    FROM "Incident" i
    JOIN "User" u ON u."id" = i."reporterId"
    JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE i."id" = NEW."id"
    ON CONFLICT ("incidentId") DO UPDATE SET "doc" = excluded."doc";
END;

CREATE TRIGGER "IncidentSearch_incident_update" AFTER UPDATE OF "reference", "narrative", "impact", "accountId", "reporterId" ON "Incident"
    WHEN OLD."reference" IS NOT NEW."reference" OR OLD."narrative" IS NOT NEW."narrative"
      OR OLD."impact" IS NOT NEW."impact" OR OLD."accountId" IS NOT NEW."accountId"
      OR OLD."reporterId" IS NOT NEW."reporterId" BEGIN
    INSERT INTO "IncidentSearch" ("incidentId", "doc")
    SELECT i."id", concat_ws(' ', i."reference", u."name", a."name", i."narrative", i."impact",
      (SELECT group_concat(c."name", ' ') FROM "IncidentContact" ic
         JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
      (SELECT group_concat(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id"))
    FROM "Incident" i
    JOIN "User" u ON u."id" = i."reporterId"
    JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE i."id" = NEW."id"
    ON CONFLICT ("incidentId") DO UPDATE SET "doc" = excluded."doc";
END;

CREATE TRIGGER "IncidentSearch_message_insert" AFTER INSERT ON "CaseMessage" BEGIN
    INSERT INTO "IncidentSearch" ("incidentId", "doc")
    SELECT i."id", concat_ws(' ', i."reference", u."name", a."name", i."narrative", i."impact",
      (SELECT group_concat(c."name", ' ') FROM "IncidentContact" ic
         JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
      (SELECT group_concat(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id"))
    FROM "Incident" i
    JOIN "User" u ON u."id" = i."reporterId"
    JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE i."id" = NEW."incidentId"
    ON CONFLICT ("incidentId") DO UPDATE SET "doc" = excluded."doc";
END;

CREATE TRIGGER "IncidentSearch_message_update" AFTER UPDATE OF "body", "incidentId" ON "CaseMessage" BEGIN
    INSERT INTO "IncidentSearch" ("incidentId", "doc")
    SELECT i."id", concat_ws(' ', i."reference", u."name", a."name", i."narrative", i."impact",
      (SELECT group_concat(c."name", ' ') FROM "IncidentContact" ic
         JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
      (SELECT group_concat(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id"))
    FROM "Incident" i
    JOIN "User" u ON u."id" = i."reporterId"
    JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE i."id" IN (NEW."incidentId", OLD."incidentId")
    ON CONFLICT ("incidentId") DO UPDATE SET "doc" = excluded."doc";
END;

CREATE TRIGGER "IncidentSearch_message_delete" AFTER DELETE ON "CaseMessage" BEGIN
    INSERT INTO "IncidentSearch" ("incidentId", "doc")
    SELECT i."id", concat_ws(' ', i."reference", u."name", a."name", i."narrative", i."impact",
      (SELECT group_concat(c."name", ' ') FROM "IncidentContact" ic
         JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
      (SELECT group_concat(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id"))
    FROM "Incident" i
    JOIN "User" u ON u."id" = i."reporterId"
    JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE i."id" = OLD."incidentId"
    ON CONFLICT ("incidentId") DO UPDATE SET "doc" = excluded."doc";
END;

CREATE TRIGGER "IncidentSearch_contact_link_insert" AFTER INSERT ON "IncidentContact" BEGIN
    INSERT INTO "IncidentSearch" ("incidentId", "doc")
    SELECT i."id", concat_ws(' ', i."reference", u."name", a."name", i."narrative", i."impact",
      (SELECT group_concat(c."name", ' ') FROM "IncidentContact" ic
         JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
      (SELECT group_concat(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id"))
    FROM "Incident" i
    JOIN "User" u ON u."id" = i."reporterId"
    JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE i."id" = NEW."incidentId"
    ON CONFLICT ("incidentId") DO UPDATE SET "doc" = excluded."doc";
END;

CREATE TRIGGER "IncidentSearch_contact_link_delete" AFTER DELETE ON "IncidentContact" BEGIN
    INSERT INTO "IncidentSearch" ("incidentId", "doc")
    SELECT i."id", concat_ws(' ', i."reference", u."name", a."name", i."narrative", i."impact",
      (SELECT group_concat(c."name", ' ') FROM "IncidentContact" ic
         JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
      (SELECT group_concat(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id"))
    FROM "Incident" i
    JOIN "User" u ON u."id" = i."reporterId"
    JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE i."id" = OLD."incidentId"
    ON CONFLICT ("incidentId") DO UPDATE SET "doc" = excluded."doc";
END;

CREATE TRIGGER "IncidentSearch_contact_rename" AFTER UPDATE OF "name" ON "CustomerContact"
    WHEN OLD."name" IS NOT NEW."name" BEGIN
    INSERT INTO "IncidentSearch" ("incidentId", "doc")
    SELECT i."id", concat_ws(' ', i."reference", u."name", a."name", i."narrative", i."impact",
      (SELECT group_concat(c."name", ' ') FROM "IncidentContact" ic
         JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
      (SELECT group_concat(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id"))
    FROM "Incident" i
    JOIN "User" u ON u."id" = i."reporterId"
    JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE i."id" IN (SELECT ic."incidentId" FROM "IncidentContact" ic WHERE ic."contactId" = NEW."id")
    ON CONFLICT ("incidentId") DO UPDATE SET "doc" = excluded."doc";
END;

CREATE TRIGGER "IncidentSearch_account_rename" AFTER UPDATE OF "name" ON "CustomerAccount"
    WHEN OLD."name" IS NOT NEW."name" BEGIN
    INSERT INTO "IncidentSearch" ("incidentId", "doc")
    SELECT i."id", concat_ws(' ', i."reference", u."name", a."name", i."narrative", i."impact",
      (SELECT group_concat(c."name", ' ') FROM "IncidentContact" ic
         JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
      (SELECT group_concat(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id"))
    FROM "Incident" i
    JOIN "User" u ON u."id" = i."reporterId"
    JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE i."accountId" = NEW."id"
    ON CONFLICT ("incidentId") DO UPDATE SET "doc" = excluded."doc";
END;

CREATE TRIGGER "IncidentSearch_reporter_rename" AFTER UPDATE OF "name" ON "User"
    WHEN OLD."name" IS NOT NEW."name" BEGIN
    INSERT INTO "IncidentSearch" ("incidentId", "doc")
    SELECT i."id", concat_ws(' ', i."reference", u."name", a."name", i."narrative", i."impact",
      (SELECT group_concat(c."name", ' ') FROM "IncidentContact" ic
         JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
      (SELECT group_concat(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id"))
    FROM "Incident" i
    JOIN "User" u ON u."id" = i."reporterId"
    JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE i."reporterId" = NEW."id"
    ON CONFLICT ("incidentId") DO UPDATE SET "doc" = excluded."doc";
END;

CREATE TRIGGER "IncidentSearch_incident_delete" AFTER DELETE ON "Incident" BEGIN
    DELETE FROM "IncidentSearch" WHERE "incidentId" = OLD."id";
END;

-- Backfill: every existing case, in the order they were filed (the FTS triggers
-- above index each row as it goes in).
INSERT INTO "IncidentSearch" ("incidentId", "doc")
    SELECT i."id", concat_ws(' ', i."reference", u."name", a."name", i."narrative", i."impact",
      (SELECT group_concat(c."name", ' ') FROM "IncidentContact" ic
         JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
      (SELECT group_concat(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id"))
    FROM "Incident" i
    JOIN "User" u ON u."id" = i."reporterId"
    JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE true
    ORDER BY i."createdAt", i."id"
    ON CONFLICT ("incidentId") DO UPDATE SET "doc" = excluded."doc";
