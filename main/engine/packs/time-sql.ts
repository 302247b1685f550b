import type { Db } from '../db.ts';

/**
 * SQL macros the mapping SQL calls on every row. They live in the connection's temp schema so a
 * case file stays plain DuckDB with nothing of ours inside.
 *
 * Times: ISO 8601 with offset (exact; `Z`, `+02:00`, `+0000`, `+00`, a space before the offset),
 * ISO without offset (read in the batch's assumed zone), epoch s/ms/µs/ns (by digit count, as
 * numbers or strings), Salesforce's compact `20230308101112.123` (offset-less), .NET `/Date(1678270272123)/`,
 * US-style `9/20/2023 4:05:03 AM` (also Log Analytics' `2/25/2025, 9:19:25.391 AM`), Kibana
 * `Mar 8, 2023 @ 10:11:12.123`, RFC 2822 / 1123 `Sun, 06 Nov 1994 08:49:37 GMT` or `+0000`,
 * Java `Wed Mar 08 10:11:12 UTC 2023`. `time-shape.ts` mirrors these rules for detection.
 */
/**
 * Keywords of each action class, in priority order: the keyword found first in a verb decides
 * (DeleteRolePolicy → delete), and at one position the earlier class wins. RE2 syntax.
 */
export const ACTION_CLASS_KEYWORDS: readonly (readonly [string, string])[] = [
  ['logout', String.raw`log_?out|logoff|sign_?out|signed out|session\.end`],
  ['login', String.raw`log_?in|logon|sign_?in|signed in|authenticat|session\.start|user\.session|mfa|sso|password`],
  ['permission', String.raw`permission|role|grant|revoke|policy|privilege|\bacl\b|member|invit|access|group\.user|assign|impersonat|token`],
  ['delete', String.raw`delet|remov|destroy|purg|terminat|drop|disabl|deactivat|archiv`],
  ['create', String.raw`creat|add|insert|new|register|upload|provision|import|^post$|publish`],
  ['update', String.raw`updat|modif|chang|edit|set|rename|patch|^put|enabl|activat|move|replace|restor|reset`],
  ['execute', String.raw`execut|run|invok|start|stop|trigger|launch|deploy|build|escalat`],
  ['config', String.raw`config|setting|preference`],
  ['read', String.raw`^get|read|list|describe|view|download|export|search|query|watch|fetch|^head$|lookup|select`],
];
const ACTION_KEYWORDS = ACTION_CLASS_KEYWORDS.map(([, k]) => `(${k})`).join('|');
// The keyword that matched is classed by the first class whose keywords match all of it: an earlier
// class matching it there would have been chosen by the first pass already.
const ACTION_CLASS_WHENS = ACTION_CLASS_KEYWORDS.map(([c, k]) => `    WHEN regexp_full_match(m, '${k}') THEN '${c}'`).join('\n');

export const MACROS = `
CREATE OR REPLACE TEMP MACRO al_time_kind(s) AS (
  CASE
    WHEN s IS NULL OR trim(s) = '' THEN NULL
    -- The common case first, without a regex: ISO 8601 in UTC (2025-03-08T10:11:12.123Z).
    WHEN s[5] = '-' AND s[-1] = 'Z' AND length(s) >= 20 THEN 'offset'
    WHEN regexp_full_match(s, '-?\\d{9,11}(\\.\\d+)?') THEN 'epoch_s'
    WHEN regexp_full_match(s, '\\d{12,13}(\\.\\d+)?') THEN 'epoch_ms'
    -- 14 digits from 19xx/20xx: yyyyMMddHHmmss (Salesforce event log files), not year-5000 epoch ms.
    WHEN regexp_full_match(s, '(19|20)\\d{12}(\\.\\d+)?') THEN 'compact'
    WHEN regexp_full_match(s, '\\d{14}(\\.\\d+)?') THEN 'epoch_ms'
    WHEN regexp_full_match(s, '\\d{15,17}') THEN 'epoch_us'
    WHEN regexp_full_match(s, '\\d{18,20}') THEN 'epoch_ns'
    -- .NET / PowerShell ConvertTo-Json: /Date(1678270272123)/, milliseconds since the epoch in UTC.
    WHEN regexp_full_match(s, '/Date\\(-?\\d+([+-]\\d{4})?\\)/') THEN 'msdate'
    -- An offset after a clock time (a bare date's "-08" is its day, not an offset).
    WHEN regexp_matches(s, '\\d:\\d\\d(:\\d\\d)?(\\.\\d+)?(Z|z|\\s*[+-]\\d\\d(:?\\d\\d)?|\\s*(GMT|UTC))$') THEN 'offset'
    -- Java Date.toString: Wed Mar 08 10:11:12 UTC 2023.
    WHEN regexp_matches(s, '\\d\\d:\\d\\d\\s+(GMT|UTC)\\s+\\d{4}$') THEN 'offset'
    WHEN regexp_matches(s, '^\\d{1,2}/\\d{1,2}/\\d{4}') THEN 'us'
    WHEN regexp_matches(s, '^[A-Za-z]{3} \\d{1,2}, \\d{4} @ ') THEN 'kibana'
    ELSE 'naive'
  END
);

CREATE OR REPLACE TEMP MACRO al_time_naive_ts(s) AS (
  coalesce(
    TRY_CAST(replace(s, 'T', ' ') AS TIMESTAMP),
    try_strptime(s, '%m/%d/%Y %I:%M:%S %p'),
    try_strptime(s, '%m/%d/%Y %H:%M:%S.%f'),
    try_strptime(s, '%m/%d/%Y %I:%M:%S.%g %p'),
    -- Azure portal Log Analytics CSV export: "2/25/2025, 9:19:25.391 AM".
    try_strptime(s, '%m/%d/%Y, %I:%M:%S.%g %p'),
    try_strptime(s, '%m/%d/%Y, %I:%M:%S %p'),
    try_strptime(s, '%m/%d/%Y %I:%M %p'),
    try_strptime(s, '%m/%d/%Y %H:%M:%S'),
    try_strptime(s, '%m/%d/%Y %H:%M'),
    try_strptime(s, '%m/%d/%Y'),
    try_strptime(s, '%b %d, %Y @ %H:%M:%S.%g'),
    try_strptime(s, '%b %d, %Y @ %H:%M:%S'),
    try_strptime(s, '%b %d, %Y %I:%M:%S %p'),
    try_strptime(s, '%d-%b-%Y %H:%M:%S'),
    try_strptime(s, '%d/%b/%Y:%H:%M:%S'),
    try_strptime(s, '%Y/%m/%d %H:%M:%S')
  )
);

CREATE OR REPLACE TEMP MACRO al_time_offset2(s) AS (
  coalesce(
    TRY_CAST(s AS TIMESTAMPTZ),
    try_strptime(s, ['%a, %d %b %Y %H:%M:%S%z', '%d %b %Y %H:%M:%S%z', '%a, %d %b %Y %H:%M%z', '%a %b %d %H:%M:%S %Y%z']),
    try_strptime(regexp_replace(s, '^(\\w{3} \\w{3} \\d{1,2} [\\d:]+) (GMT|UTC) (\\d{4})$', '\\1 \\3+0000'), '%a %b %d %H:%M:%S %Y%z')
  )
);

-- A named zone GMT/UTC at the end becomes +0000; a space before the offset
-- (Snowflake's 2023-03-08 10:11:12.123 -0800) is dropped; RFC 2822 / 1123 with or without weekday.
CREATE OR REPLACE TEMP MACRO al_time_offset(s) AS (
  coalesce(
    TRY_CAST(s AS TIMESTAMPTZ),
    al_time_offset2(regexp_replace(regexp_replace(trim(s), '\\s*(GMT|UTC)$', ' +0000'), '(\\d)\\s+([+-]\\d\\d:?\\d\\d|Z)$', '\\1\\2'))
  )
);

CREATE OR REPLACE TEMP MACRO al_time_of(s, kind, tz) AS (
  CASE kind
    WHEN 'offset' THEN al_time_offset(s)
    WHEN 'epoch_s' THEN to_timestamp(TRY_CAST(s AS DOUBLE))
    WHEN 'epoch_ms' THEN make_timestamp(CAST(TRY_CAST(s AS DOUBLE) * 1000 AS BIGINT))::TIMESTAMPTZ
    WHEN 'epoch_us' THEN make_timestamp(TRY_CAST(s AS BIGINT))::TIMESTAMPTZ
    WHEN 'epoch_ns' THEN make_timestamp(CAST(TRY_CAST(s AS HUGEINT) // 1000 AS BIGINT))::TIMESTAMPTZ
    WHEN 'msdate' THEN make_timestamp(TRY_CAST(regexp_extract(s, '(-?\\d+)', 1) AS BIGINT) * 1000)::TIMESTAMPTZ
    WHEN 'us' THEN timezone(tz, al_time_naive_ts(s))
    WHEN 'kibana' THEN timezone(tz, al_time_naive_ts(s))
    WHEN 'compact' THEN timezone(tz, coalesce(try_strptime(s, '%Y%m%d%H%M%S.%g'), try_strptime(s, '%Y%m%d%H%M%S')))
    WHEN 'naive' THEN timezone(tz, al_time_naive_ts(s))
    ELSE NULL
  END
);

CREATE OR REPLACE TEMP MACRO al_time_is_naive(kind) AS (kind IN ('us', 'kibana', 'naive', 'compact'));

CREATE OR REPLACE TEMP MACRO al_ip1(s) AS (
  CASE
    WHEN s IS NULL THEN NULL
    WHEN regexp_full_match(s, '\\d{1,3}(\\.\\d{1,3}){3}') THEN s
    WHEN regexp_full_match(s, '\\d{1,3}(\\.\\d{1,3}){3}:\\d{1,5}') THEN split_part(s, ':', 1)
    WHEN regexp_full_match(s, '\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?') THEN regexp_extract(s, '\\[([0-9A-Fa-f:.]+)\\]', 1)
    WHEN regexp_full_match(s, '[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(%\\w+)?') THEN s
    WHEN regexp_full_match(s, '(?i)::ffff:\\d{1,3}(\\.\\d{1,3}){3}') THEN s
    ELSE NULL
  END
);

-- A list (X-Forwarded-For "client, proxy", or a JSON array's text) yields its first address.
CREATE OR REPLACE TEMP MACRO al_ip(s) AS (
  CASE
    WHEN s IS NULL THEN NULL
    WHEN s[1] = '[' AND s[2] = '"' THEN al_ip1(json_extract_string(s, '$[0]'))
    WHEN contains(s, ',') THEN al_ip1(trim(split_part(s, ',', 1)))
    ELSE al_ip1(trim(s))
  END
);

-- Outcome words in any letter case, booleans, HTTP status codes, and result codes (0 = success).
CREATE OR REPLACE TEMP MACRO al_outcome(s) AS (
  CASE
    WHEN s IS NULL OR trim(s) = '' THEN NULL
    WHEN lower(trim(s)) IN ('success', 'succeeded', 'successful', 'succeed', 'ok', 'true', 'allow', 'allowed', 'passed', 'pass',
      'granted', 'approved', 'accepted', 'completed', 'complete', 'yes', 'authorized', 'audit success', 'permitted') THEN 'success'
    WHEN lower(trim(s)) IN ('failure', 'failed', 'fail', 'error', 'errored', 'denied', 'deny', 'false', 'forbidden', 'unauthorized',
      'blocked', 'block', 'rejected', 'reject', 'fraud', 'invalid', 'no', 'refused', 'declined', 'aborted', 'timeout', 'audit failure',
      'locked', 'disallowed', 'unsuccessful') THEN 'failure'
    WHEN regexp_full_match(trim(s), '[123]\\d\\d') THEN 'success'
    WHEN regexp_full_match(trim(s), '[45]\\d\\d') THEN 'failure'
    WHEN trim(s) = '0' THEN 'success'
    WHEN regexp_full_match(trim(s), '-?\\d+') THEN 'failure'
    WHEN regexp_matches(lower(s), 'fail|denied|error|reject|invalid|blocked|unauthori') THEN 'failure'
    WHEN regexp_matches(lower(s), 'succe') THEN 'success'
    ELSE 'unknown'
  END
);

CREATE OR REPLACE TEMP MACRO al_basename(s) AS (
  CASE WHEN s IS NULL THEN NULL ELSE regexp_extract(s, '([^/:]*)$', 1) END
);

CREATE OR REPLACE TEMP MACRO al_nonempty(s) AS (nullif(s, ''));

-- One RE2 pass per action finds the keyword standing first in the verb (DeleteRolePolicy → delet),
-- then the short keyword is classed. Named groups would give the class in the same pass, but RE2
-- then runs its submatch engine, about 8 times the cost on every record of an import.
CREATE OR REPLACE TEMP MACRO al_action_match(a) AS (regexp_extract(lower(a), '${ACTION_KEYWORDS}', 0));

CREATE OR REPLACE TEMP MACRO al_action_class_of(m) AS (
  CASE
    WHEN m IS NULL THEN NULL
    WHEN m = '' THEN 'other'
${ACTION_CLASS_WHENS}
    ELSE 'other'
  END
);

CREATE OR REPLACE TEMP MACRO al_action_class(a) AS (al_action_class_of(al_action_match(a)));
`;

export async function installMacros(db: Db): Promise<void> {
  await db.run(MACROS);
}
