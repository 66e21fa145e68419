-- CreateTable
CREATE TABLE "CompliancePolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "hrCategories" TEXT NOT NULL,
    "violenceCategories" TEXT NOT NULL,
    "templates" TEXT NOT NULL DEFAULT '',
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OshaRecord" (
    "incidentId" TEXT NOT NULL PRIMARY KEY,
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
    "markedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "OshaRecord_year_caseNumber_key" ON "OshaRecord"("year", "caseNumber");

