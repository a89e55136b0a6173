import type { CliCommand, CliContext } from './cli-context';
import { siteAddCommand } from '../site-file/site-add.command';
import { importCommand } from '../import/import.command';
import { demoCommand } from '../demo/demo.command';
import { erasuresReapplyCommand, retentionReportCommand } from '../personal-data/personal-data.command';

export const COMMANDS: Record<string, CliCommand> = {
  'site:add': siteAddCommand,
  import: importCommand,
  demo: demoCommand,
  'retention:report': retentionReportCommand,
  'erasures:reapply': erasuresReapplyCommand,
};

/** Runs `command` and resolves to the exit code; an unexpected error is printed, never a stack dump for a user mistake. */
export async function runCli(command: string, argv: string[], ctx: CliContext): Promise<number> {
  const run = COMMANDS[command];
  if (!run) {
    ctx.stderr.write(`unknown command "${command}"; expected one of: ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  try {
    return await run(argv, ctx);
  } catch (error) {
    ctx.stderr.write(`✖ ${command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
