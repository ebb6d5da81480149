-- CreateEnum
CREATE TYPE "job_origin" AS ENUM ('app', 'attached');

-- AlterTable
ALTER TABLE "bulk_jobs" ADD COLUMN     "origin" "job_origin" NOT NULL DEFAULT 'app';

-- CreateTable
CREATE TABLE "saved_mappings" (
    "id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "object" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "saved_mappings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "saved_mappings_created_by_id_idx" ON "saved_mappings"("created_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "saved_mappings_team_id_object_name_key" ON "saved_mappings"("team_id", "object", "name");

-- AddForeignKey
ALTER TABLE "saved_mappings" ADD CONSTRAINT "saved_mappings_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_mappings" ADD CONSTRAINT "saved_mappings_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
