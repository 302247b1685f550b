/** Child process of the leftover tests: a serve host on an engine without a case, printing its URL and token. */
import { createEngine } from '../../main/engine/api.ts';
import { startServer } from '../../main/serve.ts';

const [uploadDir, dataDir] = process.argv.slice(2) as [string, string];
const engine = await createEngine({ dataDir });
const server = await startServer({ engine, rendererDir: uploadDir, uploadDir });
process.stdout.write(`${JSON.stringify({ url: server.url, token: server.token })}\n`);
