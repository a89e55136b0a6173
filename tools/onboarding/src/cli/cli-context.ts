import type { ApiClient } from '../api/api-client';

/** What a command gets from the launcher (infra/bin/onboard.mjs): no env reads below this point. */
export interface CliContext {
  client: ApiClient;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** A terminal is attached: draw progress bars; otherwise print progress as plain lines. */
  interactive: boolean;
  cwd: string;
}

/** A command: arguments after the command name; resolves to the process exit code. */
export type CliCommand = (argv: string[], ctx: CliContext) => Promise<number>;
