-- CreateTable
CREATE TABLE "KeptFigureBacklog" (
    "accountId" TEXT NOT NULL PRIMARY KEY
);

