import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  increment(by?: number): void;
  /** Ends the bar (or the plain lines) with a final count. */
  stop(): void;
}

/**
 * A progress bar on a terminal; on a pipe or in CI, a plain line at every tenth of the way, so
 * logs stay readable. Written to stderr-like streams: stdout stays for reports.
 */
export function createProgress(label: string, total: number, out: NodeJS.WritableStream, interactive: boolean): Progress {
  if (interactive) {
    const bar = new SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted} elapsed, eta {eta_formatted}`, stream: out as NodeJS.WritableStream & { isTTY?: boolean }, hideCursor: true, etaBuffer: 200, fps: 5 },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return { increment: (by = 1) => bar.increment(by), stop: () => bar.stop() };
  }
  let done = 0;
  let nextMark = 1;
  const started = Date.now();
  const line = () => out.write(`${label}: ${done}/${total} (${total === 0 ? 100 : Math.floor((done / total) * 100)}%, ${Math.round((Date.now() - started) / 1000)} s)\n`);
  return {
    increment(by = 1) {
      done += by;
      // One line per increment however many tenths it crossed (a 3-row file crosses three at once).
      let crossed = false;
      while (total > 0 && nextMark < 10 && done >= (nextMark * total) / 10) {
        nextMark += 1;
        crossed = true;
      }
      if (crossed && done < total) line();
    },
    stop: () => line(),
  };
}
