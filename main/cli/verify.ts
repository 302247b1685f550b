import { Case } from '../engine/case/case.ts';
import { verifyCase } from '../engine/collect/verify.ts';
import { EXIT_BAD_INPUT, EXIT_OK, type CommandHost, type Io } from './common.ts';

async function runVerify(io: Io, casePath: string, o: { json?: boolean }): Promise<number> {
  const c = await Case.open(casePath);
  try {
    const r = await verifyCase(c);
    if (o.json) {
      io.out(JSON.stringify(r) + '\n');
    } else {
      io.out(`files: ${r.files.checked} checked, ${r.files.ok} unchanged, ${r.files.mismatched} changed, ${r.files.missing} not at hand\n`);
      io.out(`pages: ${r.pages.checked} checked, ${r.pages.ok} match their recorded SHA-256, ${r.pages.mismatched} do not\n`);
      for (const p of r.problems) io.out(`  ${p.state.padEnd(8)} ${p.kind} ${p.what}: ${p.detail}\n`);
      io.out(r.ok ? 'verified: nothing recorded has changed\n' : 'MISMATCH: the case holds data that no longer matches its recorded hashes\n');
    }
    return r.ok ? EXIT_OK : EXIT_BAD_INPUT;
  } finally {
    c.close();
  }
}

export function registerVerify({ program, io, setCode }: CommandHost): void {
  program
    .command('verify')
    .description('re-hash the imported files still at hand and every stored API page; exit 1 on any mismatch')
    .argument('<case>')
    .option('--json', 'print JSON')
    .action(async (casePath: string, o) => setCode(await runVerify(io, casePath, o)));
}
