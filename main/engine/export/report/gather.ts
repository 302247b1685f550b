import type { AnnotatedEvent, BatchRow, CaseInfo, CustodyEntry, TagInfo } from '../../../../preload/api.ts';
import { listAnnotated } from '../../annotate/bulk.ts';
import { listTags } from '../../annotate/store.ts';
import { caseInfo } from '../../case/api.ts';
import type { Case } from '../../case/case.ts';
import { listCustody } from '../../custody/list.ts';
import { listBatches } from '../../import/api.ts';

/** Everything the report shows, read in one go from the case. */
export interface ReportData {
  title: string;
  info: CaseInfo;
  /** What the report covers: the bookmarked events, or those with a tag. */
  subject: { kind: 'bookmarked' } | { kind: 'tag'; tag: string };
  events: AnnotatedEvent[];
  /** Events of the subject beyond the report's limit. */
  omittedEvents: number;
  tags: TagInfo[];
  batches: BatchRow[];
  custody: CustodyEntry[];
  omittedCustody: number;
  author: string;
  generatedAt: string;
  masked: boolean;
}

export const MAX_REPORT_EVENTS = 5000;
const MAX_CUSTODY = 5000;
const PAGE = 1000;

export async function gatherReport(c: Case, o: { title?: string; tag?: string; author: string; masked: boolean }): Promise<ReportData> {
  const info = await caseInfo(c);
  const q = o.tag !== undefined ? { kinds: ['tag' as const], tag: o.tag } : { kinds: ['bookmark' as const] };
  const events: AnnotatedEvent[] = [];
  let total = 0;
  for (let offset = 0; offset < MAX_REPORT_EVENTS; offset += PAGE) {
    const page = await listAnnotated(c.reader, { ...q, offset, limit: Math.min(PAGE, MAX_REPORT_EVENTS - offset) });
    total = page.total;
    events.push(...page.rows);
    if (page.rows.length === 0 || events.length >= total) break;
  }
  const custody = await listCustody(c.reader, { limit: MAX_CUSTODY });
  const base = c.path.split(/[\\/]/).pop() ?? c.path;
  return {
    title: o.title?.trim() || base.replace(/\.duckdb$/i, ''),
    info,
    subject: o.tag !== undefined ? { kind: 'tag', tag: o.tag } : { kind: 'bookmarked' },
    events,
    omittedEvents: Math.max(0, total - events.length),
    tags: await listTags(c.reader),
    batches: await listBatches(c),
    custody: custody.rows,
    omittedCustody: Math.max(0, custody.total - custody.rows.length),
    author: o.author,
    generatedAt: new Date().toISOString(),
    masked: o.masked,
  };
}
