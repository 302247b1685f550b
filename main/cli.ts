import { Command, CommanderError } from 'commander';
import { toApiError } from './engine/errors.ts';
import { TOOL_VERSION } from './engine/version.ts';
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, located, type CommandHost, type Io } from './cli/common.ts';
import { registerExport } from './cli/export.ts';
import { registerHistory } from './cli/history.ts';
import { registerCoverage } from './cli/coverage.ts';
import { registerImport } from './cli/import.ts';
import { registerInfo } from './cli/info.ts';
import { promptSecretOnTty } from './cli/prompt.ts';
import { registerPull } from './cli/pull.ts';
import { registerQuery } from './cli/query.ts';
import { registerReport } from './cli/report.ts';
import { registerRemap } from './cli/remap.ts';
import { registerServe } from './cli/serve.ts';
import { registerTag } from './cli/tag.ts';
import { registerSync } from './cli/sync.ts';
import { registerTimeline } from './cli/timeline.ts';
import { registerVerify } from './cli/verify.ts';
import { registerViews } from './cli/views.ts';

/** The `auditlens` command: each subcommand lives in main/cli/<command>.ts and registers itself here. */
const COMMANDS: Array<(host: CommandHost) => void> = [
  registerImport,
  registerRemap,
  registerPull,
  registerSync,
  registerInfo,
  registerCoverage,
  registerVerify,
  registerQuery,
  registerTimeline,
  registerHistory,
  registerExport,
  registerReport,
  registerTag,
  registerViews,
  registerServe,
];

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
  promptSecret: promptSecretOnTty,
};

export function buildProgram(io: Io, setCode: (n: number) => void): Command {
  const program = new Command('auditlens')
    .description('Forensic viewer for audit logs: import exports into a case file, query them, serve the viewer.')
    .version(TOOL_VERSION.replace(/^auditlens /, ''), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const register of COMMANDS) register({ program, io, setCode });
  return program;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram(io, (n) => {
    code = n;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const err = toApiError(e);
    io.err(`auditlens: ${located(err)}${err.position !== undefined ? ` (at character ${err.position + 1})` : ''}\n`);
    return EXIT_BAD_INPUT;
  }
}
