/** One thing wrong with a site file; `line` is null when the problem has no place in a file (a definition built in code). */
export interface SiteFileProblem {
  file: string;
  line: number | null;
  /** Dotted path as written in the file: `site.targets.placed`, `courses[4].provider`. */
  field: string;
  message: string;
}

/** Every problem found, so a service team fixes a file in one pass rather than one error per run. */
export class SiteFileError extends Error {
  constructor(readonly problems: SiteFileProblem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the site file:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'SiteFileError';
  }
}

export function formatProblem(p: SiteFileProblem): string {
  return `${p.file}${p.line === null ? '' : `:${p.line}`}: ${p.field || '(file)'}: ${p.message}`;
}
