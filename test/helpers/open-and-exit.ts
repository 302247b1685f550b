/** Opens (creating) a case and exits at once without closing it: what a crash leaves behind. */
import { Case } from '../../main/engine/case/case.ts';

const path = process.argv[2];
if (!path) throw new Error('usage: open-and-exit.ts CASE');
void Case.open(path, { create: true }).then(() => process.exit(0));
