-- CreateEnum
CREATE TYPE "bulk_operation" AS ENUM ('insert', 'update', 'upsert', 'delete', 'hardDelete', 'query', 'queryAll');

-- CreateEnum
CREATE TYPE "bulk_api" AS ENUM ('v1', 'v2');

-- CreateEnum
CREATE TYPE "concurrency_mode" AS ENUM ('Parallel', 'Serial');

-- CreateEnum
CREATE TYPE "bulk_job_state" AS ENUM ('queued', 'running', 'paused', 'aborting', 'completed', 'failed', 'aborted');

-- CreateEnum
CREATE TYPE "submit_state" AS ENUM ('intent', 'created', 'upload_intent', 'uploaded', 'close_intent', 'submitted', 'abandoned');

-- CreateEnum
CREATE TYPE "upload_state" AS ENUM ('open', 'complete');

-- CreateTable
CREATE TABLE "bulk_jobs" (
    "id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "org_connection_id" TEXT,
    "created_by_id" TEXT,
    "upload_id" TEXT,
    "parent_job_id" TEXT,
    "object" TEXT NOT NULL,
    "operation" "bulk_operation" NOT NULL,
    "api" "bulk_api" NOT NULL,
    "external_id_field" TEXT,
    "concurrency_mode" "concurrency_mode" NOT NULL DEFAULT 'Parallel',
    "batch_size" INTEGER,
    "pk_chunking" BOOLEAN NOT NULL DEFAULT false,
    "pk_chunk_size" INTEGER,
    "column_mapping" JSONB,
    "soql" TEXT,
    "file_name" TEXT,
    "state" "bulk_job_state" NOT NULL DEFAULT 'queued',
    "state_message" TEXT,
    "sf_job_id" TEXT,
    "sf_job_intent_at" TIMESTAMP(3),
    "sf_job_state" TEXT,
    "total_rows" INTEGER NOT NULL DEFAULT 0,
    "submitted_rows" INTEGER NOT NULL DEFAULT 0,
    "processed_rows" INTEGER NOT NULL DEFAULT 0,
    "failed_rows" INTEGER NOT NULL DEFAULT 0,
    "unprocessed_rows" INTEGER NOT NULL DEFAULT 0,
    "poll_count" INTEGER NOT NULL DEFAULT 0,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMP(3),
    "next_check_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "bulk_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "salesforce_batches" (
    "id" TEXT NOT NULL,
    "bulk_job_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "sf_job_id" TEXT,
    "sf_batch_id" TEXT,
    "submit_state" "submit_state" NOT NULL DEFAULT 'intent',
    "sf_state" TEXT,
    "state_message" TEXT,
    "first_row" INTEGER NOT NULL DEFAULT 0,
    "row_count" INTEGER NOT NULL DEFAULT 0,
    "byte_size" INTEGER NOT NULL DEFAULT 0,
    "number_records_processed" INTEGER NOT NULL DEFAULT 0,
    "number_records_failed" INTEGER NOT NULL DEFAULT 0,
    "total_processing_time" INTEGER NOT NULL DEFAULT 0,
    "api_active_processing_time" INTEGER NOT NULL DEFAULT 0,
    "apex_processing_time" INTEGER NOT NULL DEFAULT 0,
    "sf_created_date" TIMESTAMP(3),
    "system_modstamp" TIMESTAMP(3),
    "success_rows" INTEGER NOT NULL DEFAULT 0,
    "failed_rows" INTEGER NOT NULL DEFAULT 0,
    "unprocessed_rows" INTEGER NOT NULL DEFAULT 0,
    "result_locator" TEXT,
    "results_stored_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "salesforce_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bulk_job_results" (
    "id" TEXT NOT NULL,
    "bulk_job_id" TEXT NOT NULL,
    "batch_id" TEXT NOT NULL,
    "page" INTEGER NOT NULL,
    "row_count" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "bulk_job_results_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bulk_job_events" (
    "id" TEXT NOT NULL,
    "bulk_job_id" TEXT NOT NULL,
    "actor_id" TEXT,
    "type" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "bulk_job_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "uploads" (
    "id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "created_by_id" TEXT,
    "file_name" TEXT NOT NULL,
    "columns" JSONB NOT NULL,
    "state" "upload_state" NOT NULL DEFAULT 'open',
    "part_count" INTEGER NOT NULL DEFAULT 0,
    "row_count" INTEGER NOT NULL DEFAULT 0,
    "byte_size" BIGINT NOT NULL DEFAULT 0,
    "completed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "uploads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "upload_parts" (
    "id" TEXT NOT NULL,
    "upload_id" TEXT NOT NULL,
    "part_number" INTEGER NOT NULL,
    "checksum" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "row_count" INTEGER NOT NULL,
    "first_row" INTEGER,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "upload_parts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "bulk_jobs_team_id_created_at_id_idx" ON "bulk_jobs"("team_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "bulk_jobs_state_next_check_at_idx" ON "bulk_jobs"("state", "next_check_at");

-- CreateIndex
CREATE INDEX "bulk_jobs_org_connection_id_idx" ON "bulk_jobs"("org_connection_id");

-- CreateIndex
CREATE INDEX "bulk_jobs_created_by_id_idx" ON "bulk_jobs"("created_by_id");

-- CreateIndex
CREATE INDEX "bulk_jobs_upload_id_idx" ON "bulk_jobs"("upload_id");

-- CreateIndex
CREATE INDEX "bulk_jobs_parent_job_id_idx" ON "bulk_jobs"("parent_job_id");

-- CreateIndex
CREATE INDEX "bulk_jobs_sf_job_id_idx" ON "bulk_jobs"("sf_job_id");

-- CreateIndex
CREATE UNIQUE INDEX "salesforce_batches_bulk_job_id_seq_key" ON "salesforce_batches"("bulk_job_id", "seq");

-- CreateIndex
CREATE INDEX "bulk_job_results_bulk_job_id_idx" ON "bulk_job_results"("bulk_job_id");

-- CreateIndex
CREATE UNIQUE INDEX "bulk_job_results_batch_id_page_key" ON "bulk_job_results"("batch_id", "page");

-- CreateIndex
CREATE INDEX "bulk_job_events_bulk_job_id_created_at_idx" ON "bulk_job_events"("bulk_job_id", "created_at");

-- CreateIndex
CREATE INDEX "uploads_team_id_created_at_idx" ON "uploads"("team_id", "created_at");

-- CreateIndex
CREATE INDEX "uploads_created_by_id_idx" ON "uploads"("created_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "upload_parts_upload_id_part_number_key" ON "upload_parts"("upload_id", "part_number");

-- AddForeignKey
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_org_connection_id_fkey" FOREIGN KEY ("org_connection_id") REFERENCES "org_connections"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "uploads"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_parent_job_id_fkey" FOREIGN KEY ("parent_job_id") REFERENCES "bulk_jobs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "salesforce_batches" ADD CONSTRAINT "salesforce_batches_bulk_job_id_fkey" FOREIGN KEY ("bulk_job_id") REFERENCES "bulk_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_job_results" ADD CONSTRAINT "bulk_job_results_bulk_job_id_fkey" FOREIGN KEY ("bulk_job_id") REFERENCES "bulk_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_job_results" ADD CONSTRAINT "bulk_job_results_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "salesforce_batches"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bulk_job_events" ADD CONSTRAINT "bulk_job_events_bulk_job_id_fkey" FOREIGN KEY ("bulk_job_id") REFERENCES "bulk_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upload_parts" ADD CONSTRAINT "upload_parts_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "uploads"("id") ON DELETE CASCADE ON UPDATE CASCADE;
