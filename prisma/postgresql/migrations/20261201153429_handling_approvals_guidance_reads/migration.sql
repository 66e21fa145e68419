-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "reviewComment" TEXT,
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'APPROVED',
ADD COLUMN     "watch" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PortalSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PortalSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ReporterRead" (
    "incidentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReporterRead_pkey" PRIMARY KEY ("incidentId","userId")
);

-- CreateIndex
CREATE INDEX "Decision_approverId_status_idx" ON "Decision"("approverId", "status");


-- The default policy's Critical acknowledge and first-protection clocks run around the clock
-- (decision 057), unless an admin already changed them from the built-in business-hour values.
UPDATE "DeadlineTarget" SET "businessHours" = false
WHERE "severity" = 'CRITICAL'
  AND (("kind" = 'ACKNOWLEDGE' AND "minutes" = 60) OR ("kind" = 'FIRST_PROTECTIVE_ACTION' AND "minutes" = 240))
  AND "policyId" IN (SELECT "id" FROM "DeadlinePolicy" WHERE "isDefault" = true);
