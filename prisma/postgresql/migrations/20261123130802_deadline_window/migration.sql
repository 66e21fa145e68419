-- AlterTable
ALTER TABLE "Deadline" ADD COLUMN     "windowMinutes" INTEGER NOT NULL DEFAULT 0;

