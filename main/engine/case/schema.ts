/**
 * Case file schema. The names here are a contract with users who open a case in the DuckDB CLI
 * (docs/case-file.md): add columns freely, rename none. Each entry of MIGRATIONS moves a case
 * from version i to i+1; a new case runs them all.
 */

export const SCHEMA_VERSION = 5;
export const APP_ID = 'auditlens';

const V1 = `
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

CREATE SEQUENCE sources_id START 1;
CREATE TABLE sources (
  id INTEGER PRIMARY KEY DEFAULT nextval('sources_id'),
  vendor VARCHAR NOT NULL,
  label VARCHAR NOT NULL,
  tenant VARCHAR,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE SEQUENCE batches_id START 1;
CREATE TABLE batches (
  id INTEGER PRIMARY KEY DEFAULT nextval('batches_id'),
  source_id INTEGER NOT NULL,
  method VARCHAR NOT NULL,
  origin VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  bytes BIGINT NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  row_count BIGINT NOT NULL,
  event_count BIGINT NOT NULL,
  duplicate_count BIGINT NOT NULL,
  reject_count BIGINT NOT NULL,
  tool_version VARCHAR NOT NULL,
  pack VARCHAR NOT NULL,
  pack_version INTEGER NOT NULL,
  mapping JSON NOT NULL,
  assumed_tz VARCHAR NOT NULL,
  container VARCHAR,
  container_sha256 VARCHAR
);

CREATE TABLE events (
  event_id VARCHAR NOT NULL,
  batch_id INTEGER NOT NULL,
  source_id INTEGER NOT NULL,
  vendor VARCHAR NOT NULL,
  locator VARCHAR NOT NULL,
  event_time TIMESTAMPTZ,
  time_raw VARCHAR,
  time_assumed_tz VARCHAR,
  actor VARCHAR,
  actor_id VARCHAR,
  actor_type VARCHAR,
  src_ip VARCHAR,
  user_agent VARCHAR,
  action VARCHAR,
  action_class VARCHAR,
  service VARCHAR,
  target_type VARCHAR,
  target_id VARCHAR,
  target_name VARCHAR,
  outcome VARCHAR,
  outcome_raw VARCHAR,
  description VARCHAR,
  tenant VARCHAR,
  changes JSON,
  raw VARCHAR NOT NULL
);

CREATE SEQUENCE rejects_id START 1;
CREATE TABLE rejects (
  id BIGINT PRIMARY KEY DEFAULT nextval('rejects_id'),
  batch_id INTEGER NOT NULL,
  locator VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  excerpt VARCHAR
);

CREATE SEQUENCE annotations_id START 1;
CREATE TABLE annotations (
  id BIGINT PRIMARY KEY DEFAULT nextval('annotations_id'),
  event_id VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  value VARCHAR,
  author VARCHAR,
  "at" TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE SEQUENCE views_id START 1;
CREATE TABLE views (
  id INTEGER PRIMARY KEY DEFAULT nextval('views_id'),
  name VARCHAR NOT NULL UNIQUE,
  filter VARCHAR,
  columns JSON,
  sort JSON,
  time_from TIMESTAMPTZ,
  time_to TIMESTAMPTZ,
  timezone VARCHAR,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE session (key VARCHAR PRIMARY KEY, value JSON, updated_at TIMESTAMPTZ NOT NULL DEFAULT now());

CREATE SEQUENCE custody_id START 1;
CREATE TABLE custody_log (
  id BIGINT PRIMARY KEY DEFAULT nextval('custody_id'),
  "at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  action VARCHAR NOT NULL,
  actor VARCHAR,
  tool_version VARCHAR NOT NULL,
  details JSON NOT NULL
);

CREATE TABLE mappings (
  vendor VARCHAR PRIMARY KEY,
  mapping JSON NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
`;

/**
 * v2: saved views keep chips and search as well; tags get a colour per case. The views table is
 * rebuilt rather than altered: DuckDB (1.5) cannot replay an `ALTER TABLE … ADD COLUMN` from its
 * WAL when the table has a `nextval()` default, so a crash after such a migration would leave a
 * case that no longer opens. New columns on `sources`, `batches`, `rejects`, `annotations`,
 * `views` or `custody_log` need the same treatment (or a CHECKPOINT before anything else runs).
 */
const V2 = `
CREATE TEMP TABLE views_v1 AS SELECT * FROM views;
DROP TABLE views;
CREATE TABLE views (
  id INTEGER PRIMARY KEY DEFAULT nextval('views_id'),
  name VARCHAR NOT NULL UNIQUE,
  filter VARCHAR,
  columns JSON,
  sort JSON,
  time_from TIMESTAMPTZ,
  time_to TIMESTAMPTZ,
  timezone VARCHAR,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  chips JSON,
  search VARCHAR,
  updated_at TIMESTAMPTZ
);
INSERT INTO views (id, name, filter, columns, sort, time_from, time_to, timezone, created_at)
  SELECT id, name, filter, columns, sort, time_from, time_to, timezone, created_at FROM views_v1;
DROP TABLE views_v1;
CREATE TABLE tags (
  name VARCHAR PRIMARY KEY,
  color VARCHAR NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
`;

/**
 * v3: API pulls (collect/). A pull is one batch (method 'api'); every page it fetched is a row of
 * `pages` with its request (secrets removed), status, hash, size, time and the raw body; `coverage`
 * holds the time ranges a pull fetched completely; `pulls` holds what was asked and where to resume.
 */
const V3 = `
CREATE SEQUENCE pulls_id START 1;
CREATE TABLE pulls (
  id INTEGER PRIMARY KEY DEFAULT nextval('pulls_id'),
  source_id INTEGER NOT NULL,
  batch_id INTEGER NOT NULL,
  vendor VARCHAR NOT NULL,
  base_url VARCHAR NOT NULL,
  scope JSON NOT NULL,
  scope_key VARCHAR NOT NULL,
  range_from TIMESTAMPTZ NOT NULL,
  range_to TIMESTAMPTZ NOT NULL,
  windows JSON NOT NULL,
  status VARCHAR NOT NULL,
  cursor JSON,
  pages BIGINT NOT NULL DEFAULT 0,
  events BIGINT NOT NULL DEFAULT 0,
  duplicates BIGINT NOT NULL DEFAULT 0,
  requests BIGINT NOT NULL DEFAULT 0,
  retries BIGINT NOT NULL DEFAULT 0,
  message VARCHAR,
  started_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ,
  tool_version VARCHAR NOT NULL
);

CREATE SEQUENCE pages_id START 1;
CREATE TABLE pages (
  id BIGINT PRIMARY KEY DEFAULT nextval('pages_id'),
  pull_id INTEGER NOT NULL,
  batch_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  window_index INTEGER NOT NULL,
  role VARCHAR NOT NULL,
  method VARCHAR NOT NULL,
  url VARCHAR NOT NULL,
  request_headers JSON NOT NULL,
  request_body VARCHAR,
  status INTEGER NOT NULL,
  response_headers JSON NOT NULL,
  sha256 VARCHAR NOT NULL,
  bytes BIGINT NOT NULL,
  fetched_at TIMESTAMPTZ NOT NULL,
  elapsed_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  records INTEGER NOT NULL,
  body BLOB NOT NULL,
  body_redacted BOOLEAN NOT NULL,
  stored_sha256 VARCHAR NOT NULL
);

CREATE SEQUENCE coverage_id START 1;
CREATE TABLE coverage (
  id BIGINT PRIMARY KEY DEFAULT nextval('coverage_id'),
  source_id INTEGER NOT NULL,
  scope_key VARCHAR NOT NULL,
  pull_id INTEGER NOT NULL,
  range_from TIMESTAMPTZ NOT NULL,
  range_to TIMESTAMPTZ NOT NULL,
  pages INTEGER NOT NULL,
  records BIGINT NOT NULL,
  completed_at TIMESTAMPTZ NOT NULL
);
`;

/**
 * v4: a stored mapping belongs to a pack identity (vendor and label: one vendor may have several
 * packs, each its own source), not to a vendor alone, so an Entra audit mapping never applies to
 * Entra sign-in files. Rows of v1 take their label from the mapping they hold. The table has no
 * sequence default, so it is rebuilt like views in v2.
 */
const V4 = `
CREATE TEMP TABLE mappings_v1 AS SELECT * FROM mappings;
DROP TABLE mappings;
CREATE TABLE mappings (
  vendor VARCHAR NOT NULL,
  label VARCHAR NOT NULL,
  mapping JSON NOT NULL,
  source_id INTEGER,
  author VARCHAR,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (vendor, label)
);
INSERT INTO mappings (vendor, label, mapping, updated_at)
  SELECT vendor, coalesce(json_extract_string(mapping, '$.label'), vendor), mapping, updated_at FROM mappings_v1;
DROP TABLE mappings_v1;
`;

/**
 * v5: evidence-safe identity. A vendor id is an event's identity only together with its time and
 * action; records sharing a vendor id while differing are all kept and marked `id_conflict`.
 * Events already in an older case keep their ids; `legacy_event_ids` tells the importer to also
 * match them by the older rule, so re-importing a file from before the upgrade still adds nothing.
 * Only `events` is altered (it has no defaults, so its ALTER replays; see v2); a batch's conflict
 * count is counted from its events.
 */
const V5 = `
ALTER TABLE events ADD COLUMN vendor_event_id VARCHAR;
ALTER TABLE events ADD COLUMN id_conflict BOOLEAN DEFAULT false;
INSERT INTO meta SELECT 'legacy_event_ids', 'true' WHERE EXISTS (SELECT 1 FROM events);
`;

/** MIGRATIONS[i] upgrades schema version i to i+1. */
export const MIGRATIONS: string[] = [V1, V2, V3, V4, V5];
