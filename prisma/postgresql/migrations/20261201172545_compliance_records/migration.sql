-- CreateTable
CREATE TABLE "CompliancePolicy" (
    "id" TEXT NOT NULL,
    "hrCategories" TEXT NOT NULL,
    "violenceCategories" TEXT NOT NULL,
    "templates" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CompliancePolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OshaRecord" (
    "incidentId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "caseNumber" INTEGER NOT NULL,
    "jobTitle" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "injuryDescription" TEXT NOT NULL,
    "classification" TEXT NOT NULL,
    "daysAway" INTEGER NOT NULL DEFAULT 0,
    "daysRestricted" INTEGER NOT NULL DEFAULT 0,
    "injuryType" TEXT NOT NULL,
    "privacyCase" BOOLEAN NOT NULL DEFAULT false,
    "treatedInEr" BOOLEAN NOT NULL DEFAULT false,
    "hospitalized" BOOLEAN NOT NULL DEFAULT false,
    "whatHappened" TEXT NOT NULL,
    "markedById" TEXT NOT NULL,
    "markedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OshaRecord_pkey" PRIMARY KEY ("incidentId")
);

-- CreateIndex
CREATE UNIQUE INDEX "OshaRecord_year_caseNumber_key" ON "OshaRecord"("year", "caseNumber");

