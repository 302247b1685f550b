import type { Db } from '../db.ts';

/**
 * SQL macros the mapping SQL calls on every row. They live in the connection's temp schema so a
 * case file stays plain DuckDB with nothing of ours inside.
 *
 * Times: ISO 8601 with offset (exact), ISO without offset (read in the batch's assumed zone),
 * epoch s/ms/µs/ns (by digit count), US-style `9/20/2023 4:05:03 AM` (also Log Analytics'
 * `2/25/2025, 9:19:25.391 AM`), Kibana
 * `Mar 8, 2023 @ 10:11:12.123`, RFC 1123 `Sun, 06 Nov 1994 08:49:37 GMT`.
 */
export const MACROS = `
CREATE OR REPLACE TEMP MACRO al_time_kind(s) AS (
  CASE
    WHEN s IS NULL OR trim(s) = '' THEN NULL
    -- The common case first, without a regex: ISO 8601 in UTC (2025-03-08T10:11:12.123Z).
    WHEN s[5] = '-' AND s[-1] = 'Z' AND length(s) >= 20 THEN 'offset'
    WHEN regexp_full_match(s, '-?\\d{9,11}(\\.\\d+)?') THEN 'epoch_s'
    WHEN regexp_full_match(s, '\\d{12,14}(\\.\\d+)?') THEN 'epoch_ms'
    WHEN regexp_full_match(s, '\\d{15,17}') THEN 'epoch_us'
    WHEN regexp_full_match(s, '\\d{18,20}') THEN 'epoch_ns'
    WHEN regexp_matches(s, '\\d(Z|z|[+-]\\d\\d(:?\\d\\d)?|\\s*(GMT|UTC))$') THEN 'offset'
    WHEN regexp_matches(s, '^\\d{1,2}/\\d{1,2}/\\d{4}') THEN 'us'
    WHEN regexp_matches(s, '^[A-Za-z]{3} \\d{1,2}, \\d{4} @ ') THEN 'kibana'
    ELSE 'naive'
  END
);

CREATE OR REPLACE TEMP MACRO al_time_naive_ts(s) AS (
  coalesce(
    TRY_CAST(replace(s, 'T', ' ') AS TIMESTAMP),
    try_strptime(s, '%m/%d/%Y %I:%M:%S %p'),
    -- Azure portal Log Analytics CSV export: "2/25/2025, 9:19:25.391 AM".
    try_strptime(s, '%m/%d/%Y, %I:%M:%S.%g %p'),
    try_strptime(s, '%m/%d/%Y, %I:%M:%S %p'),
    try_strptime(s, '%m/%d/%Y %I:%M %p'),
    try_strptime(s, '%m/%d/%Y %H:%M:%S'),
    try_strptime(s, '%m/%d/%Y %H:%M'),
    try_strptime(s, '%m/%d/%Y'),
    try_strptime(s, '%b %d, %Y @ %H:%M:%S.%g'),
    try_strptime(s, '%b %d, %Y @ %H:%M:%S'),
    try_strptime(s, '%d/%b/%Y:%H:%M:%S'),
    try_strptime(s, '%Y/%m/%d %H:%M:%S')
  )
);

CREATE OR REPLACE TEMP MACRO al_time_offset(s) AS (
  coalesce(
    TRY_CAST(s AS TIMESTAMPTZ),
    try_strptime(s, '%a, %d %b %Y %H:%M:%S GMT')::TIMESTAMPTZ,
    try_strptime(regexp_replace(s, '\\s*(GMT|UTC)$', ''), '%Y-%m-%d %H:%M:%S')::TIMESTAMPTZ
  )
);

CREATE OR REPLACE TEMP MACRO al_time_of(s, kind, tz) AS (
  CASE kind
    WHEN 'offset' THEN al_time_offset(s)
    WHEN 'epoch_s' THEN to_timestamp(TRY_CAST(s AS DOUBLE))
    WHEN 'epoch_ms' THEN make_timestamp(CAST(TRY_CAST(s AS DOUBLE) * 1000 AS BIGINT))::TIMESTAMPTZ
    WHEN 'epoch_us' THEN make_timestamp(TRY_CAST(s AS BIGINT))::TIMESTAMPTZ
    WHEN 'epoch_ns' THEN make_timestamp(CAST(TRY_CAST(s AS HUGEINT) // 1000 AS BIGINT))::TIMESTAMPTZ
    WHEN 'us' THEN timezone(tz, al_time_naive_ts(s))
    WHEN 'kibana' THEN timezone(tz, al_time_naive_ts(s))
    WHEN 'naive' THEN timezone(tz, al_time_naive_ts(s))
    ELSE NULL
  END
);

CREATE OR REPLACE TEMP MACRO al_time_is_naive(kind) AS (kind IN ('us', 'kibana', 'naive'));

CREATE OR REPLACE TEMP MACRO al_ip(s) AS (
  CASE
    WHEN s IS NULL THEN NULL
    WHEN regexp_full_match(s, '\\d{1,3}(\\.\\d{1,3}){3}') THEN s
    WHEN regexp_full_match(s, '\\d{1,3}(\\.\\d{1,3}){3}:\\d{1,5}') THEN split_part(s, ':', 1)
    WHEN regexp_full_match(s, '\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?') THEN regexp_extract(s, '\\[([0-9A-Fa-f:.]+)\\]', 1)
    WHEN regexp_full_match(s, '[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(%\\w+)?') THEN s
    WHEN regexp_full_match(s, '::ffff:\\d{1,3}(\\.\\d{1,3}){3}') THEN s
    ELSE NULL
  END
);

CREATE OR REPLACE TEMP MACRO al_basename(s) AS (
  CASE WHEN s IS NULL THEN NULL ELSE regexp_extract(s, '([^/:]*)$', 1) END
);

CREATE OR REPLACE TEMP MACRO al_nonempty(s) AS (nullif(s, ''));

-- One RE2 pass per action: the keyword found first in the verb decides (DeleteRolePolicy → delete).
CREATE OR REPLACE TEMP MACRO al_action_match(a) AS (regexp_extract(lower(a), '(?P<logout>log_?out|logoff|sign_?out|signed out|session\\.end)|(?P<login>log_?in|logon|sign_?in|signed in|authenticat|session\\.start|user\\.session|mfa|sso|password)|(?P<permission>permission|role|grant|revoke|policy|privilege|\\bacl\\b|member|invit|access|group\\.user|assign|impersonat|token)|(?P<delete>delet|remov|destroy|purg|terminat|drop|disabl|deactivat|archiv)|(?P<create>creat|add|insert|new|register|upload|provision|import|^post$|publish)|(?P<update>updat|modif|chang|edit|set|rename|patch|^put|enabl|activat|move|replace|restor|reset)|(?P<execute>execut|run|invok|start|stop|trigger|launch|deploy|build|escalat)|(?P<config>config|setting|preference)|(?P<read>^get|read|list|describe|view|download|export|search|query|watch|fetch|^head$|lookup|select)', ['logout', 'login', 'permission', 'delete', 'create', 'update', 'execute', 'config', 'read']));

CREATE OR REPLACE TEMP MACRO al_action_class_of(m) AS (
  CASE
    WHEN m IS NULL THEN NULL
    WHEN m.logout <> '' THEN 'logout'
    WHEN m.login <> '' THEN 'login'
    WHEN m.permission <> '' THEN 'permission'
    WHEN m.delete <> '' THEN 'delete'
    WHEN m.create <> '' THEN 'create'
    WHEN m.update <> '' THEN 'update'
    WHEN m.execute <> '' THEN 'execute'
    WHEN m.config <> '' THEN 'config'
    WHEN m.read <> '' THEN 'read'
    ELSE 'other'
  END
);

CREATE OR REPLACE TEMP MACRO al_action_class(a) AS (al_action_class_of(al_action_match(a)));
`;

export async function installMacros(db: Db): Promise<void> {
  await db.run(MACROS);
}
