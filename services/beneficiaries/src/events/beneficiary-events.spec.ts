import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EVENT_CATALOG, EVENT_TYPES, type CloudEvent } from '@meic/contracts';
import { outboxRow } from '@meic/service-kit';
import {
  assessment,
  beneficiary,
  followUp,
  PERSONAL_FIELD_NAMES,
  PERSONAL_VALUES,
  placementInCluster,
  placementOutsideCluster,
} from '../testing/records.fixture';
import { assessedEvent, consentRecordedEvent, droppedOutEvent, enrolledEvent, erasedEvent, followedUpEvent, placedEvent } from './beneficiary-events';

/**
 * Every event this service builds, from records that DO carry personal data (names, birth
 * date, contacts, skills text, an employer's name): none of it may reach the event.
 */
describe('events built by the beneficiaries service carry no personal data', () => {
  const built: CloudEvent[] = [
    enrolledEvent(beneficiary),
    consentRecordedEvent(beneficiary),
    assessedEvent(beneficiary, assessment),
    placedEvent(beneficiary, placementInCluster),
    placedEvent(beneficiary, placementOutsideCluster),
    followedUpEvent(beneficiary, placementOutsideCluster, followUp),
    droppedOutEvent(beneficiary, { reason: 'moved_away', on: '2026-09-01' }),
    erasedEvent(beneficiary, '2026-10-01'),
  ];

  it("covers every beneficiary event type of the contract (pathway events are the workflow's)", () => {
    const ours = EVENT_TYPES.filter((t) => EVENT_CATALOG[t].producer === 'beneficiaries' && !t.startsWith('meic.pathway.'));
    expect(new Set(built.map((e) => e.type))).toEqual(new Set(ours));
  });

  it('is where the request-handling modules build events: nowhere else calls buildEvent', () => {
    const src = join(__dirname, '..');
    const modules = ['beneficiaries', 'assessments', 'placements', 'follow-ups', 'dropouts', 'organisations', 'sites', 'events'];
    const offenders = modules
      .flatMap((m) => readdirSync(join(src, m)).map((f) => join(src, m, f)))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('beneficiary-events.ts'))
      .filter((f) => readFileSync(f, 'utf8').includes('buildEvent('))
      .map((f) => relative(src, f));
    expect(offenders).toEqual([]);
  });

  it.each(built.map((e) => [e.type, e] as const))('%s: no personal field, no personal value — in data, headers or the outbox row', (_type, event) => {
    const keys = Object.keys(event.data);
    for (const field of PERSONAL_FIELD_NAMES) expect(keys).not.toContain(field);
    const serialized = JSON.stringify(outboxRow(event));
    for (const value of PERSONAL_VALUES) expect(serialized).not.toContain(value);
  });

  it('keys every event by the pseudonym, never the beneficiary id, and carries the coarse attributes recorded at enrolment', () => {
    for (const event of built) {
      expect(event.subject).toBe(beneficiary.pseudonym);
      expect(event.data).toMatchObject({ pseudonym: beneficiary.pseudonym, siteCode: 'IT-RM', country: 'IT' });
      expect(JSON.stringify(outboxRow(event))).not.toContain(beneficiary.id);
      if (event.type !== 'meic.beneficiary.erased.v2' && event.type !== 'meic.beneficiary.consent-recorded.v2') {
        expect(event.data).toMatchObject({ sex: 'female', ageBand: '25-29', citizenship: 'ML', legalStatus: 'refugee' });
      }
    }
  });

  const CONSENT_ON = consentRecordedEvent(beneficiary).data.occurredOn;

  it('carries the consent to evaluation follow-up in force, dated when it was recorded', () => {
    expect(consentRecordedEvent(beneficiary).data).toEqual({
      pseudonym: beneficiary.pseudonym,
      siteCode: 'IT-RM',
      country: 'IT',
      occurredOn: beneficiary.consentRecordedOn.toISOString().slice(0, 10),
      evaluationFollowUp: beneficiary.consentEvaluationFollowUp,
    });
  });

  it('uses the business date as occurredOn', () => {
    expect(built.map((e) => e.data.occurredOn)).toEqual(['2026-03-02', CONSENT_ON, '2026-03-10', '2026-05-04', '2026-05-04', '2026-08-04', '2026-09-01', '2026-10-01']);
  });

  it('publishes nothing about a person whose pseudonym is forgotten (erased)', () => {
    expect(() => enrolledEvent({ ...beneficiary, pseudonym: null })).toThrow(/no pseudonym/);
    expect(() => erasedEvent({ ...beneficiary, pseudonym: null }, '2026-10-01')).toThrow(/no pseudonym/);
  });

  it('gives an employer outside the cluster neither id nor type, and a member both', () => {
    expect(placedEvent(beneficiary, placementOutsideCluster).data).toMatchObject({ employerOrgId: null, employerOrgType: null });
    expect(placedEvent(beneficiary, placementInCluster).data).toMatchObject({ employerOrgId: placementInCluster.employerOrgId, employerOrgType: 'enterprise' });
  });

  it('repeats the placement date on a follow-up', () => {
    expect(followedUpEvent(beneficiary, placementOutsideCluster, followUp).data).toMatchObject({ placedOn: '2026-05-04', monthsAfterPlacement: 3, employed: true });
  });
});
