-- CreateTable
CREATE TABLE "LegalHold" (
    "id" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "incidentId" TEXT,
    "accountId" TEXT,
    "userId" TEXT,
    "matter" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "placedById" TEXT NOT NULL,
    "placedAt" TIMESTAMP(3) NOT NULL,
    "releasedById" TEXT,
    "releasedAt" TIMESTAMP(3),
    "releaseReason" TEXT,

    CONSTRAINT "LegalHold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionPolicy" (
    "id" TEXT NOT NULL,
    "defaultYears" INTEGER NOT NULL,
    "substantiatedYears" INTEGER NOT NULL,
    "partlySubstantiatedYears" INTEGER NOT NULL,
    "notSubstantiatedYears" INTEGER NOT NULL,
    "informalYears" INTEGER NOT NULL,
    "withdrawnYears" INTEGER NOT NULL,
    "withdrawnEvidenceDays" INTEGER NOT NULL,
    "viewLogDays" INTEGER NOT NULL,
    "draftDays" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RetentionPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionPurge" (
    "incidentId" TEXT NOT NULL,
    "purgedAt" TIMESTAMP(3) NOT NULL,
    "rule" TEXT NOT NULL,
    "eventSeq" INTEGER NOT NULL,

    CONSTRAINT "RetentionPurge_pkey" PRIMARY KEY ("incidentId")
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

