-- CreateTable
CREATE TABLE "PortalSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReporterRead" (
    "incidentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "seenAt" DATETIME NOT NULL,

    PRIMARY KEY ("incidentId", "userId")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Decision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "incidentId" TEXT,
    "decision" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "decidedById" TEXT NOT NULL,
    "approverId" TEXT NOT NULL,
    "employeesConsulted" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'APPROVED',
    "watch" BOOLEAN NOT NULL DEFAULT false,
    "reviewComment" TEXT,
    "reviewedAt" DATETIME,
    CONSTRAINT "Decision_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "CustomerAccount" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Decision_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Decision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Decision_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Decision" ("accountId", "approverId", "createdAt", "decidedById", "decision", "employeesConsulted", "id", "incidentId", "rationale") SELECT "accountId", "approverId", "createdAt", "decidedById", "decision", "employeesConsulted", "id", "incidentId", "rationale" FROM "Decision";
DROP TABLE "Decision";
ALTER TABLE "new_Decision" RENAME TO "Decision";
CREATE INDEX "Decision_accountId_idx" ON "Decision"("accountId");
CREATE INDEX "Decision_approverId_status_idx" ON "Decision"("approverId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- The default policy's Critical acknowledge and first-protection clocks run around the clock
-- (decision 057), unless an admin already changed them from the built-in business-hour values.
UPDATE "DeadlineTarget" SET "businessHours" = 0
WHERE "severity" = 'CRITICAL'
  AND (("kind" = 'ACKNOWLEDGE' AND "minutes" = 60) OR ("kind" = 'FIRST_PROTECTIVE_ACTION' AND "minutes" = 240))
  AND "policyId" IN (SELECT "id" FROM "DeadlinePolicy" WHERE "isDefault" = 1);
