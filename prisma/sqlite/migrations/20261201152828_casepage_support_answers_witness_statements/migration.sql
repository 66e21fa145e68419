-- AlterTable
ALTER TABLE "IncidentSupportRequest" ADD COLUMN "answer" TEXT;
ALTER TABLE "IncidentSupportRequest" ADD COLUMN "answerReason" TEXT;
ALTER TABLE "IncidentSupportRequest" ADD COLUMN "answeredAt" DATETIME;
ALTER TABLE "IncidentSupportRequest" ADD COLUMN "answeredById" TEXT;

-- CreateTable
CREATE TABLE "WitnessStatement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "witnessId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statement" TEXT,
    "submittedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "WitnessStatement_witnessId_submittedAt_idx" ON "WitnessStatement"("witnessId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WitnessStatement_incidentId_witnessId_key" ON "WitnessStatement"("incidentId", "witnessId");

