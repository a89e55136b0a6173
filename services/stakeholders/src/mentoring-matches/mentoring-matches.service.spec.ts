import { Problem, type BeneficiaryReference, type BeneficiaryReferences, type OutboxRow, type Principal } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import type { BeneficiariesRepository } from '../beneficiaries/beneficiaries.repository';
import type { Mentor, MentoringMatch, Site } from '../generated/prisma/client';
import { MentorsService } from '../mentors/mentors.service';
import type { MentorsRepository } from '../mentors/mentors.repository';
import { SitesService } from '../sites/sites.service';
import type { SitesRepository } from '../sites/sites.repository';
import type { MentoringMatchesRepository } from './mentoring-matches.repository';
import { MentoringMatchesService } from './mentoring-matches.service';

// The services with in-memory repositories: the order of the checks and the event they build.
const mentorId = '11111111-1111-4111-8111-111111111111';
const beneficiaryId = '22222222-2222-4222-8222-222222222222';
const site = { code: 'IT-RM', country: 'IT' } as Site;
const mentor: Mentor = { id: mentorId, siteCode: 'IT-RM', displayName: 'Samir', languages: ['ar', 'it'], areas: ['work', 'housing'], createdAt: new Date() };
const pseudonym = '44444444-4444-4444-8444-444444444444';
/** As the beneficiaries service describes the person (GET /v1/beneficiaries/{id}/reference). */
const person: BeneficiaryReference = {
  id: beneficiaryId,
  pseudonym,
  siteCode: 'IT-RM',
  country: 'IT',
  enrolledOn: '2026-03-02',
  sex: 'female',
  ageBand: '25-29',
  citizenship: 'ML',
  legalStatus: 'refugee',
};

/** `people`: whom the beneficiaries service knows (an erased person it does not); `known`: whom this service has written about. */
function setup(people: BeneficiaryReference[] = [person]) {
  const known = new Map<string, Omit<BeneficiaryReference, 'enrolledOn'> & { enrolledOn: Date }>();
  const written: OutboxRow[] = [];
  const matches = new Map<string, MentoringMatch>();
  const matchesRepo = {
    insertUnlessOpenWithEvent: async (m: Omit<MentoringMatch, 'createdAt' | 'updatedAt' | 'endedOn'>, event: OutboxRow) => {
      const row = { ...m, endedOn: null, createdAt: new Date(), updatedAt: new Date() };
      matches.set(m.id, row);
      written.push(event);
      return row;
    },
    findById: async (id: string) => matches.get(id) ?? null,
    markEndedWithEvent: async (id: string, endedOn: Date, event: OutboxRow) => {
      const row = { ...matches.get(id)!, endedOn };
      matches.set(id, row);
      written.push(event);
      return row;
    },
  } as unknown as MentoringMatchesRepository;
  const mentors = new MentorsService({ findById: async (id: string) => (id === mentorId ? mentor : null) } as unknown as MentorsRepository, undefined as unknown as SitesService);
  const repo = {
    remember: async (r: BeneficiaryReference) => (known.set(r.id, { ...r, enrolledOn: new Date(`${r.enrolledOn}T00:00:00Z`) }), true),
    find: async (id: string) => known.get(id) ?? null,
  } as unknown as BeneficiariesRepository;
  const references = { find: async (id: string) => people.find((p) => p.id === id) ?? null } as unknown as BeneficiaryReferences;
  const beneficiaries = new BeneficiariesService(repo, references);
  const sites = new SitesService({ findByCode: async (code: string) => (code === site.code ? site : null) } as unknown as SitesRepository);
  return { service: new MentoringMatchesService(matchesRepo, mentors, beneficiaries, sites), written, known };
}

const admin: Principal = { sub: 'a', role: 'admin', sites: [] };
const staffElsewhere: Principal = { sub: 's', role: 'site_staff', sites: ['IT-TO'] };
const body = { mentorId, beneficiaryId, areas: ['work' as const], startedOn: '2026-04-01' };

async function refusal(p: Promise<unknown>): Promise<{ status: number; errors?: { path: string; message: string }[] }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Problem) return { status: e.getStatus(), errors: e.body.errors };
    throw e;
  }
  throw new Error('expected a problem');
}

describe('MentoringMatchesService.start', () => {
  it('builds mentoring.started with the coarse attributes and the match, keyed by the pseudonym (never the beneficiary id)', async () => {
    const { service, written } = setup();
    const match = await service.start(admin, body);
    expect(written).toHaveLength(1);
    expect(written[0]!.messageKey).toBe(pseudonym);
    expect(JSON.stringify(written[0])).not.toContain(beneficiaryId);
    expect(written[0]!.headers['ce_type']).toBe('meic.mentoring.started.v2');
    expect(JSON.parse(written[0]!.value)).toEqual({
      siteCode: 'IT-RM',
      country: 'IT',
      occurredOn: '2026-04-01',
      pseudonym,
      sex: 'female',
      ageBand: '25-29',
      citizenship: 'ML',
      legalStatus: 'refugee',
      matchId: match.id,
      mentorId,
      areas: ['work'],
    });
    expect(written[0]!.value).not.toContain('Samir');
  });

  it('checks the mentor (422), then the site (403), then the beneficiary (422)', async () => {
    const { service } = setup([]);
    expect(await refusal(service.start(staffElsewhere, { ...body, mentorId: '33333333-3333-4333-8333-333333333333' }))).toEqual({ status: 422, errors: [{ path: '/mentorId', message: 'unknown mentor' }] });
    expect((await refusal(service.start(staffElsewhere, body))).status).toBe(403);
    expect(await refusal(service.start(admin, body))).toEqual({ status: 422, errors: [{ path: '/beneficiaryId', message: 'unknown or erased beneficiary' }] });
  });

  it('refuses a beneficiary of another site, and remembers no one it refused', async () => {
    const { service, known } = setup([{ ...person, siteCode: 'IT-TO' }]);
    expect((await refusal(service.start(admin, body))).errors).toEqual([{ path: '/beneficiaryId', message: 'beneficiary is enrolled at another site, not IT-RM' }]);
    expect(known.size).toBe(0);
  });

  it("refuses areas outside the mentor's (422 /areas) and a start before enrolment (400 /startedOn)", async () => {
    const { service, written } = setup();
    expect((await refusal(service.start(admin, { ...body, areas: ['financial_literacy'] }))).errors?.[0]?.path).toBe('/areas');
    expect(await refusal(service.start(admin, { ...body, startedOn: '2026-03-01' }))).toMatchObject({ status: 400, errors: [{ path: '/startedOn' }] });
    expect(written).toHaveLength(0);
  });
});

describe('MentoringMatchesService.end', () => {
  it('builds mentoring.ended repeating the start, from the person as remembered when the match started', async () => {
    const { service, written } = setup();
    const match = await service.start(admin, body);
    const ended = await service.end(admin, match.id, { endedOn: '2026-06-30' });
    expect(ended.endedOn).toBe('2026-06-30');
    expect(JSON.parse(written[1]!.value)).toMatchObject({ occurredOn: '2026-06-30', startedOn: '2026-04-01', matchId: match.id, mentorId, pseudonym, sex: 'female' });
  });

  it('refuses to describe a person forgotten since (erased): 422', async () => {
    const { service, known } = setup();
    const match = await service.start(admin, body);
    known.clear();
    expect(await refusal(service.end(admin, match.id, { endedOn: '2026-06-30' }))).toEqual({ status: 422, errors: [{ path: '/beneficiaryId', message: 'unknown or erased beneficiary' }] });
  });
});
