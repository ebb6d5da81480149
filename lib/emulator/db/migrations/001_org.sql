-- Data plane of the org emulator: orgs, users, OAuth clients, records and their indexed keys.

CREATE SEQUENCE emulator.id_seq START WITH 1000 CACHE 1;

CREATE TABLE emulator.orgs (
  id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  is_sandbox boolean NOT NULL DEFAULT false,
  instance_name text NOT NULL,
  organization_type text NOT NULL DEFAULT 'Developer Edition',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE emulator.users (
  id text COLLATE "C" PRIMARY KEY,
  org_id text COLLATE "C" NOT NULL REFERENCES emulator.orgs (id) ON DELETE CASCADE,
  username text NOT NULL,
  email text NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL,
  alias text NOT NULL,
  time_zone text NOT NULL DEFAULT 'America/Los_Angeles',
  locale text NOT NULL DEFAULT 'en_US',
  language text NOT NULL DEFAULT 'en_US',
  profile_id text NOT NULL,
  role_id text,
  is_active boolean NOT NULL DEFAULT true,
  -- scrypt hashes: the password alone (interactive login) and password + security token (API login).
  password_hash text NOT NULL,
  credential_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Usernames are globally unique and case-insensitive on Salesforce.
CREATE UNIQUE INDEX users_username_key ON emulator.users (lower(username));

CREATE TABLE emulator.oauth_clients (
  client_id text PRIMARY KEY,
  name text NOT NULL,
  secret_hash text NOT NULL,
  redirect_patterns text[] NOT NULL DEFAULT '{}',
  jwt_public_key text,
  run_as_user_id text REFERENCES emulator.users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every sObject record of every org. Ids are 18-char and sort in creation order under "C" collation,
-- so (org_id, object, id) serves lookups, default ordering and PK-chunking ranges. Datetimes are
-- stored as ISO-8601 UTC text (`…sssZ`), which compares and sorts correctly as text.
CREATE TABLE emulator.records (
  org_id text COLLATE "C" NOT NULL,
  object text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  -- Every other field, by API name. System fields live in columns: they are the same for a whole
  -- batch, so inserts bind them once instead of repeating them in each row's JSON.
  fields jsonb NOT NULL,
  owner_id text COLLATE "C",
  created_date text COLLATE "C" NOT NULL,
  created_by_id text COLLATE "C" NOT NULL,
  last_modified_date text COLLATE "C" NOT NULL,
  last_modified_by_id text COLLATE "C" NOT NULL,
  system_modstamp text COLLATE "C" NOT NULL,
  is_deleted boolean NOT NULL DEFAULT false,
  deleted_at timestamptz,
  PRIMARY KEY (org_id, object, id)
);

-- Values of external-id, idLookup and unique fields of live records (text values lower-cased,
-- matching Salesforce's case-insensitive matching). The partial unique index enforces uniqueness.
CREATE TABLE emulator.record_keys (
  org_id text COLLATE "C" NOT NULL,
  object text COLLATE "C" NOT NULL,
  field text COLLATE "C" NOT NULL,
  value text NOT NULL,
  id text COLLATE "C" NOT NULL,
  is_unique boolean NOT NULL,
  PRIMARY KEY (org_id, object, field, value, id)
);
CREATE UNIQUE INDEX record_keys_unique_idx ON emulator.record_keys (org_id, object, field, value) WHERE is_unique;
CREATE INDEX record_keys_id_idx ON emulator.record_keys (org_id, object, id);

-- Small flags of the data plane (e.g. whether the demo org's sample records were seeded).
CREATE TABLE emulator.settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
