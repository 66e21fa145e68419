-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "nextDueAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Incident_nextDueAt_idx" ON "Incident"("nextDueAt");


-- Backfill: the earliest running clock of every case.
UPDATE "Incident" SET "nextDueAt" = (
  SELECT MIN(d."dueAt") FROM "Deadline" d WHERE d."incidentId" = "Incident"."id" AND d."metAt" IS NULL
);
