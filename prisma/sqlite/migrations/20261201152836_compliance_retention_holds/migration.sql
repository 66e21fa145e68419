-- CreateTable
CREATE TABLE "LegalHold" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "incidentId" TEXT,
    "accountId" TEXT,
    "userId" TEXT,
    "matter" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "placedById" TEXT NOT NULL,
    "placedAt" DATETIME NOT NULL,
    "releasedById" TEXT,
    "releasedAt" DATETIME,
    "releaseReason" TEXT
);

-- CreateTable
CREATE TABLE "RetentionPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "defaultYears" INTEGER NOT NULL,
    "substantiatedYears" INTEGER NOT NULL,
    "partlySubstantiatedYears" INTEGER NOT NULL,
    "notSubstantiatedYears" INTEGER NOT NULL,
    "informalYears" INTEGER NOT NULL,
    "withdrawnYears" INTEGER NOT NULL,
    "withdrawnEvidenceDays" INTEGER NOT NULL,
    "viewLogDays" INTEGER NOT NULL,
    "draftDays" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RetentionPurge" (
    "incidentId" TEXT NOT NULL PRIMARY KEY,
    "purgedAt" DATETIME NOT NULL,
    "rule" TEXT NOT NULL,
    "eventSeq" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "LegalHold_releasedAt_placedAt_idx" ON "LegalHold"("releasedAt", "placedAt");

-- CreateIndex
CREATE INDEX "LegalHold_incidentId_idx" ON "LegalHold"("incidentId");

-- CreateIndex
CREATE INDEX "LegalHold_accountId_idx" ON "LegalHold"("accountId");

-- CreateIndex
CREATE INDEX "LegalHold_userId_idx" ON "LegalHold"("userId");

-- CreateIndex
CREATE INDEX "RetentionPurge_purgedAt_idx" ON "RetentionPurge"("purgedAt");

