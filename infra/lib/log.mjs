// @ts-check
/**
 * Console output of the infra scripts. Everything goes to stderr so that a script's stdout
 * stays usable as data (`TOKEN=$(npm run -s token -- --role admin)`).
 * CI logs are not terminals: there we only ever append whole lines, never redraw.
 */

import { performance } from 'node:perf_hooks';

const out = process.stderr;
const interactive = Boolean(out.isTTY) && !process.env.CI;

/** @typedef {{ title: string, ms: number, ok: boolean, note?: string }} StepTiming */

/** @type {StepTiming[]} */
const timings = [];

/** @param {number} ms */
export function formatDuration(ms) {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** @param {string} line */
export function info(line) {
  out.write(`${line}\n`);
}

/** @param {string} line */
export function warn(line) {
  out.write(`⚠ ${line}\n`);
}

/**
 * Runs one timed step. `fn` may call `note('cached')` to say why it was quick.
 * @template T
 * @param {string} title
 * @param {(note: (text: string) => void) => Promise<T> | T} fn
 * @returns {Promise<T>}
 */
export async function step(title, fn) {
  info(`▶ ${title}`);
  const started = performance.now();
  /** @type {string | undefined} */
  let noteText;
  try {
    const result = await fn((text) => {
      noteText = text;
    });
    const ms = performance.now() - started;
    timings.push({ title, ms, ok: true, note: noteText });
    info(`✔ ${title}${noteText ? ` — ${noteText}` : ''} (${formatDuration(ms)})`);
    return result;
  } catch (error) {
    const ms = performance.now() - started;
    timings.push({ title, ms, ok: false });
    info(`✖ ${title} (${formatDuration(ms)})`);
    throw error;
  }
}

/** @returns {readonly StepTiming[]} */
export function stepTimings() {
  return timings;
}

/** Prints every step run so far with its duration, for the end of a long script. */
export function printTimings(heading = 'Durations') {
  if (timings.length === 0) return;
  const width = Math.max(...timings.map((t) => t.title.length));
  info(heading);
  for (const t of timings) {
    info(`  ${t.ok ? '✔' : '✖'} ${t.title.padEnd(width)}  ${formatDuration(t.ms).padStart(10)}${t.note ? `  (${t.note})` : ''}`);
  }
}

/**
 * Progress of a long child process (Maven download, Go build): elapsed seconds plus the
 * tool's latest output line, so a silent 3-minute build never looks hung.
 * @param {string} label
 * @param {{ everyMs?: number }} [options] how often a CI log gets a line
 */
export function progress(label, { everyMs = 15_000 } = {}) {
  const started = performance.now();
  let lastLine = '';
  let lastPrinted = started;

  const render = () => {
    const seconds = Math.round((performance.now() - started) / 1000);
    const tail = lastLine ? ` · ${truncate(lastLine, 100)}` : '';
    return `  … ${label}: ${seconds} s${tail}`;
  };
  const timer = setInterval(() => {
    if (interactive) {
      out.write(`\r\x1b[K${truncate(render(), (out.columns || 120) - 1)}`);
    } else if (performance.now() - lastPrinted >= everyMs) {
      lastPrinted = performance.now();
      info(render());
    }
  }, 1000);
  timer.unref();

  return {
    /** @param {string} line the tool's own output */
    line(line) {
      if (line.trim()) lastLine = line.trim();
    },
    stop() {
      clearInterval(timer);
      if (interactive) out.write('\r\x1b[K');
    },
  };
}

/**
 * @param {string} text
 * @param {number} max
 */
function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
