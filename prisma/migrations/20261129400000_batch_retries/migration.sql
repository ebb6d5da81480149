-- AlterTable
ALTER TABLE "salesforce_batches" ADD COLUMN     "retries" INTEGER NOT NULL DEFAULT 0;
