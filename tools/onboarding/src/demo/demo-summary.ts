// What the tests and the demo command check a generated programme against: its digest, and a
// summary per site counted from the records themselves (independently of how they were simulated).
import { createHash } from 'node:crypto';
import type { RecordType } from '../records/record-types';
import { addMonths, dayOf } from './demo-dates';
import { FOLLOW_UP_MONTHS, STALLED_WINDOW_DAYS, type DemoPerson, type DemoProgramme } from './demo-generator';

// ---------------------------------------------------------------------------------------------
// Digest and summary

/** sha256 (hex) of the programme as canonical JSON (keys sorted): equal programmes, equal digests. */
export function demoDigest(programme: DemoProgramme): string {
  return createHash('sha256').update(canonicalJson(programme)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// A type, not an interface, so that it reads as a Record<string, unknown> where it is printed.
export type DemoSiteSummary = {
  programme: string;
  people: number;
  women: number;
  assessed: number;
  trained: number;
  interns: number;
  placed: number;
  placedTarget: number;
  droppedOut: number;
  stalled: number;
  mentored: number;
  followUpsRecorded: number;
  followUpsUnrecorded: number;
};

/**
 * Counts per site, derived from the records themselves (no personal data): what the loader prints
 * and what the tests check the programme against.
 */
export function summariseDemo(programme: DemoProgramme): Record<string, DemoSiteSummary> {
  const R = dayOf(programme.referenceDate);
  const out: Record<string, DemoSiteSummary> = {};
  for (const site of programme.sites) {
    out[site.site.code] = {
      programme: site.site.programme,
      people: 0,
      women: 0,
      assessed: 0,
      trained: 0,
      interns: 0,
      placed: 0,
      placedTarget: site.site.targets.placed,
      droppedOut: 0,
      stalled: 0,
      mentored: 0,
      followUpsRecorded: 0,
      followUpsUnrecorded: 0,
    };
  }
  for (const person of programme.people) {
    const s = out[person.siteCode];
    if (!s) continue;
    const has = (t: RecordType) => person.records.some((r) => r.type === t);
    const first = person.records[0];
    s.people += 1;
    if (first?.row.sex === 'female') s.women += 1;
    if (has('assessments')) s.assessed += 1;
    if (has('enrolments')) s.trained += 1;
    if (has('internships')) s.interns += 1;
    if (has('placements')) s.placed += 1;
    if (has('dropouts')) s.droppedOut += 1;
    if (has('mentoring-matches')) s.mentored += 1;
    if (isStalled(person, R)) s.stalled += 1;
    const due = dueFollowUps(person, R);
    s.followUpsRecorded += due.recorded;
    s.followUpsUnrecorded += due.unrecorded;
  }
  return out;
}

/** Enrolled 2–5 months before the reference date and nothing recorded after the assessment. */
export function isStalled(person: DemoPerson, referenceDay: number): boolean {
  const enrolledOn = person.records[0]?.row.enrolledOn;
  if (!enrolledOn) return false;
  const e = dayOf(enrolledOn);
  if (e < referenceDay - STALLED_WINDOW_DAYS.from || e > referenceDay - STALLED_WINDOW_DAYS.to) return false;
  return person.records.every((r) => r.type === 'beneficiaries' || r.type === 'assessments');
}

/** Follow-ups due by the reference date for the person's placements: how many are recorded and how many not. */
export function dueFollowUps(person: DemoPerson, referenceDay: number): { recorded: number; unrecorded: number } {
  let recorded = 0;
  let unrecorded = 0;
  for (const p of person.records) {
    if (p.type !== 'placements' || !p.row.startedOn) continue;
    const start = dayOf(p.row.startedOn);
    for (const m of FOLLOW_UP_MONTHS) {
      if (addMonths(start, m) > referenceDay) continue;
      const found = person.records.some((r) => r.type === 'follow-ups' && r.row.placementStartedOn === p.row.startedOn && r.row.monthsAfterPlacement === String(m));
      if (found) recorded += 1;
      else unrecorded += 1;
    }
  }
  return { recorded, unrecorded };
}
