-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BusinessCalendar" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/London',
    "workingDays" TEXT NOT NULL DEFAULT '1,2,3,4,5',
    "dayStart" TEXT NOT NULL DEFAULT '09:00',
    "dayEnd" TEXT NOT NULL DEFAULT '17:00'
);
INSERT INTO "new_BusinessCalendar" ("dayEnd", "dayStart", "id", "name", "timeZone", "workingDays") SELECT "dayEnd", "dayStart", "id", "name", "timeZone", "workingDays" FROM "BusinessCalendar";
DROP TABLE "BusinessCalendar";
ALTER TABLE "new_BusinessCalendar" RENAME TO "BusinessCalendar";
CREATE UNIQUE INDEX "BusinessCalendar_name_key" ON "BusinessCalendar"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

