-- AlterTable
ALTER TABLE "IncidentSupportRequest" ADD COLUMN     "answer" TEXT,
ADD COLUMN     "answerReason" TEXT,
ADD COLUMN     "answeredAt" TIMESTAMP(3),
ADD COLUMN     "answeredById" TEXT;

-- CreateTable
CREATE TABLE "WitnessStatement" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "witnessId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "statement" TEXT,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "WitnessStatement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WitnessStatement_witnessId_submittedAt_idx" ON "WitnessStatement"("witnessId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "WitnessStatement_incidentId_witnessId_key" ON "WitnessStatement"("incidentId", "witnessId");

