-- Full-text search over cases (docs/decisions/086-full-text-search.md). Hand-written: none of
-- this is in schema.prisma. "IncidentSearch" holds one search document per case (reference,
-- reporter, account, narrative, impact, contact names, case messages), folded to lower case
-- without common diacritics, rebuilt by the triggers below in the same transaction as any
-- write to those columns, and indexed by trigrams (pg_trgm, a trusted contrib extension: the
-- database owner may create it), which match any substring of three characters or more
-- whatever the language (Japanese has no spaces between words).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- lower() then the common Latin diacritics dropped, so "agresion" finds "Agresión" (SQLite's
-- FTS5 trigram tokenizer does the same with remove_diacritics). IMMUTABLE: used on the query
-- too, where the planner folds it into a constant pattern for the index.
CREATE FUNCTION "incident_search_fold"(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN translate(lower(t),
        'áàâäãåāăąéèêëēėęěíìîïīįóòôöõøōőúùûüūůűųñńçćčýÿšžźżłďťř',
        'aaaaaaaaaeeeeeeeeiiiiiioooooooouuuuuuuunncccyyszzzldtr');

-- "seq" grows with each new case, so its order is the order cases were filed: text searches
-- list newest first by it (walking its index for a common word, sorting the few matches of a
-- rare one).
CREATE TABLE "IncidentSearch" (
    "incidentId" TEXT NOT NULL PRIMARY KEY,
    "seq" BIGINT GENERATED ALWAYS AS IDENTITY,
    "doc" TEXT NOT NULL
);
CREATE UNIQUE INDEX "IncidentSearch_seq_key" ON "IncidentSearch"("seq");
CREATE INDEX "IncidentSearch_doc_trgm" ON "IncidentSearch" USING gin ("doc" gin_trgm_ops);

-- Rebuilds the search documents of the given cases (a deleted case's row goes).
CREATE FUNCTION "incident_search_refresh"(ids text[]) RETURNS void LANGUAGE sql AS $$
    DELETE FROM "IncidentSearch" s
    WHERE s."incidentId" = ANY(ids)
      AND NOT EXISTS (SELECT 1 FROM "Incident" i WHERE i."id" = s."incidentId");
    INSERT INTO "IncidentSearch" ("incidentId", "doc")
    SELECT i."id", "incident_search_fold"(concat_ws(' ', i."reference", u."name", a."name",
        i."narrative", i."impact",
        (SELECT string_agg(c."name", ' ') FROM "IncidentContact" ic
           JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
        (SELECT string_agg(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id")))
    FROM "Incident" i
    JOIN "User" u ON u."id" = i."reporterId"
    JOIN "CustomerAccount" a ON a."id" = i."accountId"
    WHERE i."id" = ANY(ids)
    ON CONFLICT ("incidentId") DO UPDATE SET "doc" = excluded."doc";
$$;

CREATE FUNCTION "incident_search_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids text[];
BEGIN
    IF TG_TABLE_NAME = 'Incident' THEN
        ids := ARRAY[COALESCE(NEW."id", OLD."id")];
    ELSIF TG_TABLE_NAME IN ('CaseMessage', 'IncidentContact') THEN
        ids := ARRAY[NEW."incidentId", OLD."incidentId"];
    ELSIF TG_TABLE_NAME = 'CustomerContact' THEN
        SELECT array_agg(ic."incidentId") INTO ids FROM "IncidentContact" ic
        WHERE ic."contactId" = NEW."id";
    ELSIF TG_TABLE_NAME = 'CustomerAccount' THEN
        SELECT array_agg(i."id") INTO ids FROM "Incident" i WHERE i."accountId" = NEW."id";
    ELSIF TG_TABLE_NAME = 'User' THEN
        SELECT array_agg(i."id") INTO ids FROM "Incident" i WHERE i."reporterId" = NEW."id";
    END IF;
    IF ids IS NOT NULL THEN
        PERFORM "incident_search_refresh"(ids);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER "IncidentSearch_incident" AFTER INSERT OR DELETE OR UPDATE OF "reference", "narrative", "impact", "accountId", "reporterId" ON "Incident"
    FOR EACH ROW EXECUTE FUNCTION "incident_search_trigger"();
CREATE TRIGGER "IncidentSearch_message" AFTER INSERT OR DELETE OR UPDATE OF "body", "incidentId" ON "CaseMessage"
    FOR EACH ROW EXECUTE FUNCTION "incident_search_trigger"();
CREATE TRIGGER "IncidentSearch_contact_link" AFTER INSERT OR DELETE OR UPDATE ON "IncidentContact"
    FOR EACH ROW EXECUTE FUNCTION "incident_search_trigger"();
CREATE TRIGGER "IncidentSearch_contact_rename" AFTER UPDATE OF "name" ON "CustomerContact"
    FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "incident_search_trigger"();
CREATE TRIGGER "IncidentSearch_account_rename" AFTER UPDATE OF "name" ON "CustomerAccount"
    FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "incident_search_trigger"();
CREATE TRIGGER "IncidentSearch_reporter_rename" AFTER UPDATE OF "name" ON "User"
    FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "incident_search_trigger"();

-- Backfill: every existing case, in the order they were filed.
INSERT INTO "IncidentSearch" ("incidentId", "doc")
SELECT i."id", "incident_search_fold"(concat_ws(' ', i."reference", u."name", a."name",
    i."narrative", i."impact",
    (SELECT string_agg(c."name", ' ') FROM "IncidentContact" ic
       JOIN "CustomerContact" c ON c."id" = ic."contactId" WHERE ic."incidentId" = i."id"),
    (SELECT string_agg(m."body", ' ') FROM "CaseMessage" m WHERE m."incidentId" = i."id")))
FROM "Incident" i
JOIN "User" u ON u."id" = i."reporterId"
JOIN "CustomerAccount" a ON a."id" = i."accountId"
ORDER BY i."createdAt", i."id";
