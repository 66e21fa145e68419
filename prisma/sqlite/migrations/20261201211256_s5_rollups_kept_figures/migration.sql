-- CreateTable
CREATE TABLE "KeptFigureWindow" (
    "period" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "start" DATETIME NOT NULL,
    "day" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AccountFigure" (
    "accountId" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "incidents" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "employees" INTEGER NOT NULL,
    "repeatContacts" INTEGER NOT NULL,
    "open" INTEGER NOT NULL,

    PRIMARY KEY ("accountId", "period")
);

-- CreateTable
CREATE TABLE "IncidentDayCount" (
    "day" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "incidents" INTEGER NOT NULL,

    PRIMARY KEY ("day", "segment", "severity")
);

-- CreateTable
CREATE TABLE "ReporterFigure" (
    "reporterId" TEXT NOT NULL,
    "segment" TEXT NOT NULL,
    "lastOccurredAt" DATETIME NOT NULL,

    PRIMARY KEY ("reporterId", "segment")
);

-- CreateIndex
CREATE INDEX "AccountFigure_period_score_idx" ON "AccountFigure"("period", "score");

-- CreateIndex
CREATE INDEX "ReporterFigure_segment_lastOccurredAt_idx" ON "ReporterFigure"("segment", "lastOccurredAt");

-- CreateIndex
CREATE INDEX "Incident_accountId_nextDueAt_status_occurredAt_idx" ON "Incident"("accountId", "nextDueAt", "status", "occurredAt");

-- CreateIndex
CREATE INDEX "Incident_nextDueAt_status_reporterId_idx" ON "Incident"("nextDueAt", "status", "reporterId");

-- CreateIndex
CREATE INDEX "Incident_assigneeId_nextDueAt_idx" ON "Incident"("assigneeId", "nextDueAt");

-- CreateIndex
CREATE INDEX "Incident_reporterId_nextDueAt_idx" ON "Incident"("reporterId", "nextDueAt");


-- The windows as of today (UTC), in the app's text format for dates. SQLite's "-N months"
-- overflows the day of the month as JavaScript's setUTCMonth does (31 May - 3 months = 3 March).
INSERT INTO "KeptFigureWindow" ("period", "start", "day")
SELECT p, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', 'start of day', m),
    strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', 'start of day')
FROM (SELECT 3 AS p, '-3 months' AS m UNION ALL SELECT 6, '-6 months' UNION ALL
    SELECT 12, '-12 months' UNION ALL SELECT 18, '-18 months' UNION ALL SELECT 24, '-24 months'
    UNION ALL SELECT -90, '-90 days' UNION ALL SELECT -180, '-180 days');
INSERT INTO "KeptFigureWindow" ("period", "start", "day")
SELECT 0, '1970-01-01T00:00:00.000+00:00', strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', 'start of day');

-- Backfill (decision 115): the same statements app/models/kept-figures.server.ts runs
-- (rebuildKeptFigures), so an existing database gets its figures as of today.
INSERT INTO "AccountFigure" ("accountId", "period", "incidents", "score", "employees", "repeatContacts", "open")
SELECT i."accountId", w."period", COUNT(*), SUM(CASE COALESCE(i."assessedSeverity", i."reporterSeverity") WHEN 'LOW' THEN 1 WHEN 'MEDIUM' THEN 3 WHEN 'HIGH' THEN 6 WHEN 'CRITICAL' THEN 10 ELSE 1 END), COUNT(DISTINCT i."reporterId"),
    (SELECT COUNT(*) FROM (
        SELECT c."contactId" FROM "IncidentContact" c JOIN "Incident" j ON j."id" = c."incidentId"
        WHERE j."accountId" = i."accountId" AND j."occurredAt" >= w."start"
        GROUP BY c."contactId" HAVING COUNT(*) >= 2) x),
    SUM(CASE WHEN i."status" <> 'RESOLVED' THEN 1 ELSE 0 END)
FROM "Incident" i JOIN "KeptFigureWindow" w ON i."occurredAt" >= w."start"
GROUP BY i."accountId", w."period", w."start";

INSERT INTO "IncidentDayCount" ("day", "segment", "severity", "incidents")
SELECT substr(i."occurredAt", 1, 10), a."segment", CASE COALESCE(i."assessedSeverity", i."reporterSeverity") WHEN 'LOW' THEN 'LOW' WHEN 'MEDIUM' THEN 'MEDIUM' WHEN 'HIGH' THEN 'HIGH' WHEN 'CRITICAL' THEN 'CRITICAL' ELSE 'LOW' END, COUNT(*)
FROM "Incident" i JOIN "CustomerAccount" a ON a."id" = i."accountId"
GROUP BY 1, 2, 3;

INSERT INTO "ReporterFigure" ("reporterId", "segment", "lastOccurredAt")
SELECT i."reporterId", a."segment", MAX(i."occurredAt")
FROM "Incident" i JOIN "CustomerAccount" a ON a."id" = i."accountId"
GROUP BY i."reporterId", a."segment"
UNION ALL
SELECT i."reporterId", '', MAX(i."occurredAt") FROM "Incident" i GROUP BY i."reporterId";
