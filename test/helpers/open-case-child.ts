/**
 * Child process of the read-only and permission tests: opens a case through the engine as the
 * user it runs as and prints, as JSON, what each kind of access answered.
 */
import { createEngine } from '../../main/engine/api.ts';

const [casePath, importFile, dataDir] = process.argv.slice(2) as [string, string, string];
const engine = await createEngine({ dataDir });
const opened = await engine.openCase(casePath);
const out: Record<string, unknown> = { opened };
if (opened.ok) {
  out.page = await engine.getEvents({ limit: 2 });
  out.histogram = await engine.getHistogram({});
  out.importFiles = await engine.importFiles({ paths: [importFile] });
  out.setSession = await engine.setSession({ key: 'columns', value: { x: 1 } });
  const first = out.page as { ok: boolean; value?: { rows: { event_id: string }[] } };
  out.setBookmark = await engine.setBookmark({ eventId: first.value?.rows[0]?.event_id ?? '', on: true });
}
process.stdout.write(JSON.stringify(out));
await engine.dispose();
