/**
 * Writes one spreadsheet row (or one demo record) through the public API, at most once: each
 * row has a natural key (a person by their ref, an enrolment by course and person, …) that is
 * looked up with the GET endpoints before writing, and the write carries an Idempotency-Key
 * derived from site, type and that key, so a re-run — or a retry after a write whose answer was
 * lost — finds or replays the first write instead of making a second one.
 *
 * One writer per site. Its caches (refs → ids, the site's courses, organisations and mentors,
 * each course's enrolments, each mentor's matches) are shared by concurrent rows: lookups are
 * promise-cached so concurrent rows share one request, and a name not found triggers one
 * refresh of the site's list rather than a fetch per row.
 */
import { createHash } from 'node:crypto';
import type { BeneficiariesPaths, ResponseOf, StakeholdersPaths, TrainingsPaths } from '@meic/api-clients';
import { ApiError, type ApiClient, type ApiResult, type Problem, type ServiceName } from '../api/api-client';
import { columnOfPath, convertRow, readableReason, redactRowValues, type ConvertedRow, type RowError } from './record-body';
import type { RecordRow, RecordType } from './record-types';

export type { RowError } from './record-body';

export type RowOutcome = { status: 'created' | 'unchanged' } | { status: 'rejected'; errors: RowError[] };

export interface OutcomeCounts {
  created: number;
  unchanged: number;
  rejected: number;
}

/** Adds a row's outcome to the counts; returns it, so callers can act on a rejection too. */
export function countOutcome(counts: OutcomeCounts, outcome: RowOutcome): RowOutcome {
  switch (outcome.status) {
    case 'created':
      counts.created += 1;
      break;
    case 'unchanged':
      counts.unchanged += 1;
      break;
    case 'rejected':
      counts.rejected += 1;
      break;
    default: {
      const never: never = outcome;
      throw new Error(`unexpected outcome ${JSON.stringify(never)}`);
    }
  }
  return outcome;
}

export interface RecordWriter {
  /** Writes the row unless what it describes exists already. */
  write(type: RecordType, row: RecordRow): Promise<RowOutcome>;
  /**
   * The same validation and reference resolution, without writing ('created' = would create).
   * Refs of beneficiaries rows checked earlier with this writer count as existing.
   */
  check(type: RecordType, row: RecordRow): Promise<RowOutcome>;
}

type Mode = 'write' | 'check';

// What the writer reads back, as the services' OpenAPI documents say (generated clients).
interface Named {
  id: string;
}
type Course = ResponseOf<TrainingsPaths, '/v1/courses/{id}'>;
type Organisation = ResponseOf<StakeholdersPaths, '/v1/organisations/{id}'>;
type Mentor = ResponseOf<StakeholdersPaths, '/v1/mentors/{id}'>;
// Only whether it is completed matters here, also for an enrolment this writer just made.
type Enrolment = Pick<ResponseOf<TrainingsPaths, '/v1/courses/{id}/enrolments'>['items'][number], 'beneficiaryId'> & { completion: unknown };
type Internship = ResponseOf<TrainingsPaths, '/v1/internships/{id}'>;
type Placement = ResponseOf<BeneficiariesPaths, '/v1/beneficiaries/{id}/placements'>['items'][number];
type Match = ResponseOf<StakeholdersPaths, '/v1/mentoring-matches/{id}'>;

/** A row that cannot be written: thrown inside the writer, returned as a 'rejected' outcome. */
class RowRejection extends Error {
  constructor(readonly errors: RowError[]) {
    super(errors.map((e) => `${e.column}: ${e.reason}`).join('; '));
  }
}

const reject = (column: string, reason: string): never => {
  throw new RowRejection([{ column, reason }]);
};

/** Statuses that say something about the row; anything else (401, 403, 5xx) stops the import. */
const ROW_STATUSES = new Set([400, 404, 409, 422]);

/** Async values by key, shared by concurrent callers; a miss (undefined) or a failure is not kept. */
class SharedLookup<V> {
  private readonly entries = new Map<string, Promise<V | undefined>>();

  get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const pending = load().then(
      (value) => {
        if (value === undefined && this.entries.get(key) === pending) this.entries.delete(key);
        return value;
      },
      (error: unknown) => {
        if (this.entries.get(key) === pending) this.entries.delete(key);
        throw error;
      },
    );
    this.entries.set(key, pending);
    return pending;
  }

  set(key: string, value: V): void {
    this.entries.set(key, Promise.resolve(value));
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}

/** A site's list of named records, fetched once and refreshed when a name is not in it. */
class NamedList<T> {
  private current?: Promise<Map<string, T[]>>;
  /** Names still missing after a refresh: not worth another fetch for every row naming them. */
  private readonly missing = new Set<string>();

  constructor(
    private readonly load: () => Promise<T[]>,
    private readonly nameOf: (item: T) => string,
  ) {}

  async find(name: string): Promise<T[]> {
    const hit = (await this.fetched()).get(name);
    if (hit) return hit;
    if (this.missing.has(name)) return [];
    const refreshed = (await this.refresh()).get(name);
    if (!refreshed) this.missing.add(name);
    return refreshed ?? [];
  }

  private fetched(): Promise<Map<string, T[]>> {
    return this.current ?? this.refresh();
  }

  private refreshing?: Promise<Map<string, T[]>>;

  private refresh(): Promise<Map<string, T[]>> {
    // Rows that miss together share one refresh.
    if (this.refreshing) return this.refreshing;
    const next = this.load().then((items) => {
      const byName = new Map<string, T[]>();
      for (const item of items) byName.set(this.nameOf(item), [...(byName.get(this.nameOf(item)) ?? []), item]);
      this.missing.clear();
      return byName;
    });
    this.refreshing = next;
    const settle = () => {
      if (this.refreshing === next) this.refreshing = undefined;
    };
    next.then(
      (map) => {
        this.current = Promise.resolve(map);
        settle();
      },
      settle,
    );
    return next;
  }
}

export function idempotencyKeyOf(siteCode: string, type: RecordType, naturalKey: readonly string[]): string {
  const digest = createHash('sha256').update(JSON.stringify([siteCode, type, ...naturalKey])).digest('hex').slice(0, 40);
  return `import-${type}-${digest}`;
}

/** A 4xx problem → the row's errors, by column, without the personal cells' values. */
export function problemErrors(type: RecordType, row: RecordRow, result: ApiResult, fallbackColumn: string): RowError[] {
  const problem = (result.body ?? {}) as Problem;
  const fieldErrors = Array.isArray(problem.errors) ? problem.errors : [];
  if (fieldErrors.length > 0) {
    return fieldErrors.map((e) => {
      // The site is the command's --site, not a cell: a service that has not yet read the site's
      // event (a bulk load ahead of it) says so, and a later run will go through.
      if (e.path === '/siteCode') return { column: '--site', reason: `${problem.detail ?? e.message} Run the import again in a minute: nothing of this row was written.` };
      const column = columnOfPath(type, e.path);
      return { column: column === '(row)' ? fallbackColumn : column, reason: redactRowValues(readableReason(e.message), row) };
    });
  }
  const detail = problem.detail ?? problem.title ?? `answered ${result.status}`;
  return [{ column: fallbackColumn, reason: redactRowValues(detail, row) }];
}

const isCreated = (r: ApiResult) => r.status >= 200 && r.status < 300;

export function createRecordWriter(client: ApiClient, siteCode: string): RecordWriter {
  const site = encodeURIComponent(siteCode);
  const personIds = new SharedLookup<string>();
  /** Dry run: refs of beneficiaries rows that would be created. */
  const pendingRefs = new Set<string>();
  const courses = new NamedList<Course>(() => client.readAll<Course>('trainings', `/v1/courses?siteCode=${site}`), (c) => c.title);
  const organisations = new NamedList<Organisation>(() => client.readAll<Organisation>('stakeholders', `/v1/organisations?siteCode=${site}`), (o) => o.name);
  const mentors = new NamedList<Mentor>(() => client.readAll<Mentor>('stakeholders', `/v1/mentors?siteCode=${site}`), (m) => m.displayName);
  const enrolments = new SharedLookup<Map<string, Enrolment>>();
  const matches = new SharedLookup<Match[]>();

  const loadEnrolments = async (courseId: string) => {
    const items = await client.readAll<Enrolment>('trainings', `/v1/courses/${courseId}/enrolments`);
    return new Map(items.map((e) => [e.beneficiaryId, e]));
  };
  const courseEnrolments = async (courseId: string) => (await enrolments.get(courseId, () => loadEnrolments(courseId))) ?? new Map<string, Enrolment>();
  const mentorMatches = async (mentorId: string) =>
    (await matches.get(mentorId, () => client.readAll<Match>('stakeholders', `/v1/mentoring-matches?siteCode=${site}&mentorId=${mentorId}`))) ?? [];

  async function one<T extends Named>(list: NamedList<T>, name: string, column: string, what: string): Promise<T> {
    const found = await list.find(name);
    if (found.length === 0) return reject(column, `no ${what} named ${JSON.stringify(name)} in site ${siteCode}`);
    if (found.length > 1) return reject(column, `${found.length} ${what}s of site ${siteCode} are named ${JSON.stringify(name)}; rename one`);
    return found[0] as T;
  }

  const lookUpPerson = (ref: string) =>
    personIds.get(ref, async () => {
      const page = await client.read<{ items: Named[] }>('beneficiaries', `/v1/beneficiaries?siteCode=${site}&ref=${encodeURIComponent(ref)}&limit=1`);
      return page.items[0]?.id;
    });

  /** The person a row is about: their id, or 'pending' in a dry run when an earlier row would create them. */
  async function person(ref: string, mode: Mode): Promise<string | 'pending'> {
    const id = await lookUpPerson(ref);
    if (id) return id;
    if (mode === 'check' && pendingRefs.has(ref)) return 'pending';
    return reject('beneficiaryRef', `no beneficiary with ref ${ref} in site ${siteCode}`);
  }

  async function send(
    type: RecordType,
    row: RecordRow,
    service: ServiceName,
    path: string,
    body: unknown,
    naturalKey: readonly string[],
    fallbackColumn: string,
  ): Promise<ApiResult<Named> | 'conflict'> {
    const result = await client.post<Named>(service, path, body, { idempotencyKey: idempotencyKeyOf(siteCode, type, naturalKey) });
    if (isCreated(result)) return result;
    if (result.status === 409 && !/Idempotency-Key/.test(String((result.body as unknown as Problem | undefined)?.detail))) return 'conflict';
    if (ROW_STATUSES.has(result.status)) throw new RowRejection(problemErrors(type, row, result, fallbackColumn));
    throw new ApiError('POST', `${service}${path}`, result.status, (result.body ?? { status: result.status }) as unknown as Problem);
  }

  const outcomeOf = (result: ApiResult | 'conflict'): RowOutcome => ({ status: result === 'conflict' || result.replayed ? 'unchanged' : 'created' });
  const unchanged: RowOutcome = { status: 'unchanged' };
  const created: RowOutcome = { status: 'created' };

  async function apply(type: RecordType, row: RecordRow, c: ConvertedRow, mode: Mode): Promise<RowOutcome> {
    const { body, refs } = c;
    const ref = refs['beneficiaryRef'] ?? '';
    switch (type) {
      case 'beneficiaries': {
        const own = String(body['ref']);
        if (mode === 'check' && pendingRefs.has(own)) return unchanged;
        if (await lookUpPerson(own)) return unchanged;
        if (mode === 'check') {
          pendingRefs.add(own);
          return created;
        }
        const result = await send(type, row, 'beneficiaries', '/v1/beneficiaries', { siteCode, ...body }, [own], 'ref');
        if (result === 'conflict') {
          personIds.delete(own);
          return unchanged;
        }
        personIds.set(own, result.body.id);
        return outcomeOf(result);
      }
      case 'assessments': {
        const id = await person(ref, mode);
        if (id === 'pending') return created;
        const existing = await client.readAll<{ assessedOn: string }>('beneficiaries', `/v1/beneficiaries/${id}/assessments`);
        if (existing.some((a) => a.assessedOn === body['assessedOn'])) return unchanged;
        if (mode === 'check') return created;
        return outcomeOf(await send(type, row, 'beneficiaries', `/v1/beneficiaries/${id}/assessments`, body, [ref, String(body['assessedOn'])], 'assessedOn'));
      }
      case 'enrolments': {
        const course = await one(courses, refs['courseTitle'] ?? '', 'courseTitle', 'course');
        const id = await person(ref, mode);
        if (id === 'pending') return created;
        const onCourse = await courseEnrolments(course.id);
        if (onCourse.has(id)) return unchanged;
        if (mode === 'check') return created;
        const result = await send(type, row, 'trainings', `/v1/courses/${course.id}/enrolments`, { beneficiaryId: id, ...body }, [ref, course.id], 'courseTitle');
        onCourse.set(id, result === 'conflict' ? { beneficiaryId: id, completion: null } : (result.body as unknown as Enrolment));
        return outcomeOf(result);
      }
      case 'completions': {
        const course = await one(courses, refs['courseTitle'] ?? '', 'courseTitle', 'course');
        const id = await person(ref, mode);
        if (id === 'pending') return created;
        let enrolment = (await courseEnrolments(course.id)).get(id);
        if (!enrolment) {
          // Enrolled since this writer first listed the course (by another file or machine).
          enrolments.delete(course.id);
          enrolment = (await courseEnrolments(course.id)).get(id);
        }
        if (!enrolment) return reject('courseTitle', `the beneficiary with ref ${ref} is not enrolled on this course`);
        if (enrolment.completion) return unchanged;
        if (mode === 'check') return created;
        const result = await send(type, row, 'trainings', `/v1/courses/${course.id}/enrolments/${id}/completion`, body, [ref, course.id], 'outcome');
        enrolment.completion = result === 'conflict' ? true : (result.body as unknown as Enrolment).completion ?? body;
        return outcomeOf(result);
      }
      case 'internships': {
        const host = await one(organisations, refs['hostOrg'] ?? '', 'hostOrg', 'organisation');
        const id = await person(ref, mode);
        if (id === 'pending') return created;
        const natural = [ref, host.id, String(body['startedOn'])];
        const existing = (await client.readAll<Internship>('trainings', `/v1/internships?siteCode=${site}&beneficiaryId=${id}`)).find(
          (i) => i.hostOrgId === host.id && i.startedOn === body['startedOn'],
        );
        const needsEnd = c.end !== undefined && (existing === undefined || existing.endedOn === null);
        if (mode === 'check') return existing && !needsEnd ? unchanged : created;
        let changed = false;
        let internshipId = existing?.id;
        if (!internshipId) {
          const result = await send(type, row, 'trainings', '/v1/internships', { beneficiaryId: id, hostOrgId: host.id, siteCode, ...body }, natural, 'startedOn');
          if (result === 'conflict') return reject('startedOn', 'the service refused a second internship for this person and host');
          internshipId = result.body.id;
          changed = !result.replayed;
        }
        if (needsEnd && c.end) {
          const ended = await send(type, row, 'trainings', `/v1/internships/${internshipId}/end`, c.end, [...natural, 'end'], 'endedOn');
          if (ended !== 'conflict' && !ended.replayed) changed = true;
        }
        return changed ? created : unchanged;
      }
      case 'placements': {
        const employer = refs['employerOrg'] ? await one(organisations, refs['employerOrg'], 'employerOrg', 'organisation') : undefined;
        const id = await person(ref, mode);
        if (id === 'pending') return created;
        const placements = await client.read<{ items: Placement[] }>('beneficiaries', `/v1/beneficiaries/${id}/placements`);
        const employerName = body['employerName'] as string | undefined;
        const same = placements.items.some(
          (p) => p.startedOn === body['startedOn'] && (employer ? p.employerOrgId === employer.id : p.employerOrgId === undefined && p.employerName === employerName),
        );
        if (same) return unchanged;
        if (mode === 'check') return created;
        const natural = [ref, String(body['startedOn']), employer?.id ?? `name:${employerName ?? ''}`];
        return outcomeOf(await send(type, row, 'beneficiaries', `/v1/beneficiaries/${id}/placements`, { ...(employer ? { employerOrgId: employer.id } : {}), ...body }, natural, 'startedOn'));
      }
      case 'follow-ups': {
        const id = await person(ref, mode);
        if (id === 'pending') return created;
        const placements = (await client.read<{ items: Placement[] }>('beneficiaries', `/v1/beneficiaries/${id}/placements`)).items;
        const startedOn = refs['placementStartedOn'];
        const candidates = startedOn ? placements.filter((p) => p.startedOn === startedOn) : placements;
        // The list is oldest start first: the last is the latest placement.
        const placement = candidates[candidates.length - 1];
        if (!placement) {
          return startedOn
            ? reject('placementStartedOn', `the beneficiary with ref ${ref} has no placement starting on ${startedOn}`)
            : reject('beneficiaryRef', `the beneficiary with ref ${ref} has no placement to follow up`);
        }
        if (placement.followUpMonths.includes(Number(body['monthsAfterPlacement']))) return unchanged;
        if (mode === 'check') return created;
        const natural = [ref, placement.id, String(body['monthsAfterPlacement'])];
        return outcomeOf(await send(type, row, 'beneficiaries', `/v1/beneficiaries/${id}/follow-ups`, { placementId: placement.id, ...body }, natural, 'monthsAfterPlacement'));
      }
      case 'dropouts': {
        const id = await person(ref, mode);
        if (id === 'pending') return created;
        const current = await client.read<{ dropout?: unknown }>('beneficiaries', `/v1/beneficiaries/${id}`);
        if (current.dropout) return unchanged;
        if (mode === 'check') return created;
        return outcomeOf(await send(type, row, 'beneficiaries', `/v1/beneficiaries/${id}/dropout`, body, [ref], 'on'));
      }
      case 'mentoring-matches': {
        const mentor = await one(mentors, refs['mentor'] ?? '', 'mentor', 'mentor');
        const id = await person(ref, mode);
        if (id === 'pending') return created;
        const list = await mentorMatches(mentor.id);
        const existing = list.find((m) => m.beneficiaryId === id && m.startedOn === body['startedOn']);
        const needsEnd = c.end !== undefined && (existing === undefined || existing.endedOn === null);
        if (mode === 'check') return existing && !needsEnd ? unchanged : created;
        const natural = [ref, mentor.id, String(body['startedOn'])];
        let changed = false;
        let match = existing;
        if (!match) {
          const result = await send(type, row, 'stakeholders', '/v1/mentoring-matches', { mentorId: mentor.id, beneficiaryId: id, ...body }, natural, 'mentor');
          if (result === 'conflict') return reject('mentor', 'this mentor has another open match with the person; end it first (endedOn on its row)');
          match = result.body as unknown as Match;
          list.push(match);
          changed = !result.replayed;
        }
        if (needsEnd && c.end && match.endedOn === null) {
          const ended = await send(type, row, 'stakeholders', `/v1/mentoring-matches/${match.id}/end`, c.end, [...natural, 'end'], 'endedOn');
          match.endedOn = String(c.end['endedOn']);
          if (ended !== 'conflict' && !ended.replayed) changed = true;
        }
        return changed ? created : unchanged;
      }
    }
  }

  async function run(type: RecordType, row: RecordRow, mode: Mode): Promise<RowOutcome> {
    const converted = convertRow(type, row);
    if (!converted.ok) return { status: 'rejected', errors: converted.errors };
    try {
      return await apply(type, row, converted.converted, mode);
    } catch (error) {
      if (error instanceof RowRejection) return { status: 'rejected', errors: error.errors };
      // A read about the row's own records (an erased person, say) failing is about the row.
      if (error instanceof ApiError && ROW_STATUSES.has(error.status)) {
        return { status: 'rejected', errors: problemErrors(type, row, { status: error.status, body: error.problem }, type === 'beneficiaries' ? 'ref' : 'beneficiaryRef') };
      }
      throw error;
    }
  }

  return {
    write: (type, row) => run(type, row, 'write'),
    check: (type, row) => run(type, row, 'check'),
  };
}
