-- AlterTable
ALTER TABLE "HistoryEvent" ADD COLUMN     "subjectVersion" INTEGER;
