-- CreateTable
CREATE TABLE "KeptFigureBacklog" (
    "accountId" TEXT NOT NULL,

    CONSTRAINT "KeptFigureBacklog_pkey" PRIMARY KEY ("accountId")
);

