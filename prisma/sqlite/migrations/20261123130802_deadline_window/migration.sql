-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Deadline" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "businessHours" BOOLEAN NOT NULL DEFAULT true,
    "windowMinutes" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "remindAt" DATETIME,
    "remindedAt" DATETIME,
    "metAt" DATETIME,
    "breachedAt" DATETIME,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "nextEscalationAt" DATETIME,
    CONSTRAINT "Deadline_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Deadline" ("breachedAt", "businessHours", "dueAt", "escalationLevel", "id", "incidentId", "kind", "metAt", "nextEscalationAt", "remindAt", "remindedAt", "sequence", "startedAt") SELECT "breachedAt", "businessHours", "dueAt", "escalationLevel", "id", "incidentId", "kind", "metAt", "nextEscalationAt", "remindAt", "remindedAt", "sequence", "startedAt" FROM "Deadline";
DROP TABLE "Deadline";
ALTER TABLE "new_Deadline" RENAME TO "Deadline";
CREATE INDEX "Deadline_dueAt_idx" ON "Deadline"("dueAt");
CREATE INDEX "Deadline_metAt_dueAt_idx" ON "Deadline"("metAt", "dueAt");
CREATE UNIQUE INDEX "Deadline_incidentId_kind_sequence_key" ON "Deadline"("incidentId", "kind", "sequence");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

