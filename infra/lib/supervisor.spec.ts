import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

// The supervisor is ESM (infra scripts run without a build), which jest's CommonJS runtime cannot
// import: each case runs in a node of its own. The children are `sh` only (no server, no port).
async function inSupervisor(stackDir: string, body: string): Promise<unknown> {
  const script = `import { createSupervisor } from ${JSON.stringify(join(__dirname, 'supervisor.mjs'))};
const supervisor = await createSupervisor({ stackDir: ${JSON.stringify(stackDir)} });
const out = [];
try { ${body} } finally { await supervisor.stopAll(); }
console.log(JSON.stringify(out));`;
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', script]);
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('supervisor: a child that dies while it starts', () => {
  let stackDir: string;
  beforeEach(() => {
    stackDir = mkdtempSync(join(tmpdir(), 'meic-supervisor-'));
  });
  afterEach(() => rmSync(stackDir, { recursive: true, force: true }));

  it('fails its start naming the exit, and leaves no pid file behind', async () => {
    const errors = await inSupervisor(
      stackDir,
      `for (let i = 0; i < 5; i++) {
        try { await supervisor.start({ name: 'dies-' + i, command: 'sh', args: ['-c', 'exit 3'], ready: [{ log: /never printed/ }], readyTimeoutMs: 60000 }); out.push('started'); }
        catch (e) { out.push(String(e.message).split('\\n')[0]); }
      }`,
    );
    expect(errors).toHaveLength(5);
    for (const e of errors as string[]) expect(e).toMatch(/^dies-\d exited \(exit code 3\) before it was ready/);
    const runDir = join(stackDir, 'run');
    expect(existsSync(runDir) ? readdirSync(runDir).filter((f) => f.endsWith('.pid')) : []).toEqual([]);
  });
});
