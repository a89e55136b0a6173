/**
 * How record-level extracts are made k-anonymous (docs/adr/0012, kpis.md): over the declared
 * quasi-identifiers — site, sex, age band, citizenship, legal status, enrolment period — every row
 * shares its values with at least k − 1 others of the extract's release, or it is left out.
 *
 * The release is one table per evaluation quarter: every consenting, not erased participant
 * enrolled by its end, generalised at ONE level chosen for the whole table (the first level that
 * leaves out at most MAX_SUPPRESSED_SHARE of the rows). A request's filters only select rows of it,
 * so two extracts never show the same person at two different generalisations that could be
 * intersected. Levels are nested: each coarsens every quasi-identifier at least as much as the one
 * before, and the top citizenships are those of the whole release, not of a filtered part.
 */
export interface Generalisation {
  level: number;
  /** Named in the extract's headers and the audit log. */
  name: string;
  /** Citizenships kept by name; the others are "other". */
  citizenshipTop: number;
  /** 'other' and 'undisclosed' shown as one category. */
  mergeOtherSexes: boolean;
  /** 18-29, 30-39, 40+ instead of the five bands. */
  coarseAgeBands: boolean;
}

export const GENERALISATIONS: readonly Generalisation[] = [
  { level: 0, name: 'quarter, citizenship top 10', citizenshipTop: 10, mergeOtherSexes: false, coarseAgeBands: false },
  { level: 1, name: 'quarter, citizenship top 5, sex female/male/other', citizenshipTop: 5, mergeOtherSexes: true, coarseAgeBands: false },
  { level: 2, name: 'quarter, citizenship top 3, sex female/male/other, age 18-29/30-39/40+', citizenshipTop: 3, mergeOtherSexes: true, coarseAgeBands: true },
];

/** A level is taken when it leaves out at most this share of the release's rows (else the coarsest). */
export const MAX_SUPPRESSED_SHARE = 0.05;

/** The first level whose suppressed share is small enough, from the rows each level would leave out. */
export function chooseGeneralisation(total: number, suppressedByLevel: readonly number[]): Generalisation {
  const i = suppressedByLevel.findIndex((s) => total === 0 || s / total <= MAX_SUPPRESSED_SHARE);
  return GENERALISATIONS[i < 0 ? GENERALISATIONS.length - 1 : i] as Generalisation;
}

/**
 * The quasi-identifiers of a level as SQL over a participants row, given `topCitizenships` (an SQL
 * array of the release's commonest citizenships).
 */
export function quasiIdentifierSql(g: Generalisation, topCitizenships: string): { sex: string; ageBand: string; citizenship: string; quarter: string } {
  return {
    sex: g.mergeOtherSexes ? "if(sex IN ('female', 'male'), sex, 'other')" : 'sex',
    ageBand: g.coarseAgeBands ? "multiIf(age_band IN ('18-24', '25-29'), '18-29', age_band = '30-39', '30-39', '40+')" : 'age_band',
    citizenship: `if(has(arraySlice(${topCitizenships}, 1, ${g.citizenshipTop}), citizenship), citizenship, 'other')`,
    quarter: "concat(toString(toYear(enrolled_on)), '-Q', toString(toQuarter(enrolled_on)))",
  };
}

/** The last day of the last quarter that has ended by both the requested evaluation date and today. */
export function releaseQuarterEnd(asOf: string, today: string): string {
  const end = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    const q = Math.floor((m - 1) / 3);
    const qEnd = new Date(Date.UTC(y, q * 3 + 3, 0));
    // On the quarter's last day the quarter has ended; otherwise the one before.
    return qEnd.getUTCDate() === d && qEnd.getUTCMonth() === m - 1 ? iso : new Date(Date.UTC(y, q * 3, 0)).toISOString().slice(0, 10);
  };
  const a = end(asOf);
  const b = end(today);
  return a < b ? a : b;
}

/** A period widened to whole quarters: the extract's enrolment periods are quarters. */
export function wholeQuarters(from: string, to: string): { from: string; to: string } {
  const start = (iso: string) => {
    const [y, m] = iso.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, Math.floor((m - 1) / 3) * 3, 1)).toISOString().slice(0, 10);
  };
  const finish = (iso: string) => {
    const [y, m] = iso.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, Math.floor((m - 1) / 3) * 3 + 3, 0)).toISOString().slice(0, 10);
  };
  return { from: start(from), to: finish(to) };
}
