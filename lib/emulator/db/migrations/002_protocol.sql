-- Protocol plane of the org emulator: sessions, OAuth grants, Bulk API jobs/batches/data/results, API usage.

-- Access tokens of every kind (SOAP session ids and OAuth access tokens are interchangeable, as on Salesforce).
CREATE TABLE emulator.sessions (
  token text PRIMARY KEY,
  org_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  client_id text,
  refresh_token text,
  scope text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked boolean NOT NULL DEFAULT false
);
CREATE INDEX sessions_refresh_idx ON emulator.sessions (refresh_token) WHERE refresh_token IS NOT NULL;

CREATE TABLE emulator.oauth_codes (
  code text PRIMARY KEY,
  client_id text NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  redirect_uri text NOT NULL,
  scope text NOT NULL,
  code_challenge text,
  expires_at timestamptz NOT NULL,
  used boolean NOT NULL DEFAULT false
);

CREATE TABLE emulator.refresh_tokens (
  token text PRIMARY KEY,
  client_id text NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  scope text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked boolean NOT NULL DEFAULT false
);

-- Bulk jobs of both APIs. kind: v1 (Classic), v2ingest (V2Ingest), v2query (V2Query).
CREATE TABLE emulator.bulk_jobs (
  id text COLLATE "C" PRIMARY KEY,
  org_id text COLLATE "C" NOT NULL,
  created_by text COLLATE "C" NOT NULL,
  kind text NOT NULL,
  operation text NOT NULL,
  object text NOT NULL,
  external_id_field text,
  assignment_rule_id text,
  concurrency_mode text NOT NULL DEFAULT 'Parallel',
  content_type text NOT NULL,
  api_version text NOT NULL,
  state text NOT NULL,
  line_ending text,
  column_delimiter text,
  soql text,
  -- PK chunking request of a v1 query job: {"chunkSize": n, "startRow": id} or null.
  pk_chunking jsonb,
  error_message text,
  upload_bytes bigint,
  -- Rendered header: v2 query result columns, or the uploaded columns echoed in v2 ingest results.
  result_header text,
  -- v2 counters (v1 counters are sums over the job's batches).
  records_processed integer NOT NULL DEFAULT 0,
  records_failed integer NOT NULL DEFAULT 0,
  total_processing_time bigint NOT NULL DEFAULT 0,
  api_active_processing_time bigint NOT NULL DEFAULT 0,
  apex_processing_time bigint NOT NULL DEFAULT 0,
  retries integer NOT NULL DEFAULT 0,
  -- v2 jobs waiting for the processing loop (split an upload, run a query) become claimable here.
  not_before timestamptz,
  lease_until timestamptz,
  deleted boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  system_modstamp timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bulk_jobs_org_idx ON emulator.bulk_jobs (org_id, kind, created_at);
CREATE INDEX bulk_jobs_pending_idx ON emulator.bulk_jobs (not_before) WHERE state IN ('UploadComplete');

-- v1 batches and the internal 10,000-record parts of v2 ingest jobs (kind v2part).
-- kind: ingest, query, v2part. Processing resumes from `progress` (rows already applied) after a restart.
CREATE TABLE emulator.bulk_batches (
  id text COLLATE "C" PRIMARY KEY,
  job_id text COLLATE "C" NOT NULL REFERENCES emulator.bulk_jobs (id) ON DELETE CASCADE,
  seq bigserial NOT NULL,
  kind text NOT NULL,
  state text NOT NULL DEFAULT 'Queued',
  state_message text,
  content_type text NOT NULL,
  soql text,
  id_range jsonb,
  record_count integer,
  progress integer NOT NULL DEFAULT 0,
  records_processed integer NOT NULL DEFAULT 0,
  records_failed integer NOT NULL DEFAULT 0,
  total_processing_time bigint NOT NULL DEFAULT 0,
  api_active_processing_time bigint NOT NULL DEFAULT 0,
  apex_processing_time bigint NOT NULL DEFAULT 0,
  attempts integer NOT NULL DEFAULT 0,
  not_before timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  started_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  system_modstamp timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bulk_batches_job_idx ON emulator.bulk_batches (job_id, seq);
CREATE INDEX bulk_batches_pending_idx ON emulator.bulk_batches (seq) WHERE state IN ('Queued', 'InProgress');

-- Raw request bodies: a v1 batch, a v2 part, or a whole v2 upload (owner_id = job id).
CREATE TABLE emulator.bulk_data (
  owner_id text COLLATE "C" PRIMARY KEY,
  content_type text NOT NULL,
  body bytea NOT NULL
);
-- Uncompressed out-of-line storage: compressing megabytes per batch costs more CPU than it saves here.
ALTER TABLE emulator.bulk_data ALTER COLUMN body SET STORAGE EXTERNAL;

-- Serialized result rows, in chunks: JSON arrays of pre-rendered row strings.
-- kind: result (v1 ingest), success / failed (v2 ingest), query (v1 and v2 query rows).
CREATE TABLE emulator.bulk_results (
  owner_id text COLLATE "C" NOT NULL,
  kind text NOT NULL,
  seq integer NOT NULL,
  first_row integer NOT NULL,
  row_count integer NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (owner_id, kind, seq)
);
ALTER TABLE emulator.bulk_results ALTER COLUMN body SET STORAGE EXTERNAL;

-- v1 query result ids (752…) per batch; header holds the rendered column header for CSV results.
CREATE TABLE emulator.query_results (
  id text COLLATE "C" PRIMARY KEY,
  batch_id text COLLATE "C" NOT NULL,
  job_id text COLLATE "C" NOT NULL,
  header text,
  row_count integer NOT NULL DEFAULT 0
);
CREATE INDEX query_results_batch_idx ON emulator.query_results (batch_id);

-- Per-org daily counters behind /limits and Sforce-Limit-Info.
CREATE TABLE emulator.api_usage (
  org_id text COLLATE "C" NOT NULL,
  day date NOT NULL,
  counter text NOT NULL,
  used bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day, counter)
);

-- REST query cursors behind nextRecordsUrl (`/query/01g…-2000`); pages re-run the query with an offset.
CREATE TABLE emulator.query_cursors (
  id text COLLATE "C" PRIMARY KEY,
  org_id text COLLATE "C" NOT NULL,
  soql text NOT NULL,
  include_deleted boolean NOT NULL,
  total_size integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
