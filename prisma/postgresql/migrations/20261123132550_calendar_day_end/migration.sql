-- AlterTable
ALTER TABLE "BusinessCalendar" ALTER COLUMN "dayEnd" SET DEFAULT '17:00';

