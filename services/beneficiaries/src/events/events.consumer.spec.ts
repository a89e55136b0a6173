import { randomUUID } from 'node:crypto';
import { buildEvent, type CloudEvent } from '@meic/contracts';
import type { Metrics, ReadinessRegistry } from '@meic/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { PathwayService } from '../pathway/pathway.service';
import type { SitesService } from '../sites/sites.service';
import { EventsConsumer } from './events.consumer';

const person = { siteCode: 'IT-RM', country: 'IT', sex: 'female', ageBand: '25-29', citizenship: 'ML', legalStatus: 'refugee' } as const;

function setup(held: { active: boolean; any: boolean } = { active: true, any: true }) {
  const sites = { record: jest.fn().mockResolvedValue(undefined) };
  const organisations = { recordJoined: jest.fn().mockResolvedValue(undefined), recordLeft: jest.fn().mockResolvedValue(undefined) };
  const beneficiaries = {
    holds: jest.fn((_id: string, opts: { includeErased: boolean }) => Promise.resolve(opts.includeErased ? held.any : held.active)),
    recordStage: jest.fn().mockResolvedValue(held.any),
  };
  const pathways = { startFromEnrolment: jest.fn().mockResolvedValue(true), terminate: jest.fn().mockResolvedValue(true) };
  const consumer = new EventsConsumer(
    {} as Kafka,
    {} as Logger,
    'test-group',
    { registry: undefined } as unknown as Metrics,
    {} as ReadinessRegistry,
    sites as unknown as SitesService,
    organisations as unknown as OrganisationsService,
    beneficiaries as unknown as BeneficiariesService,
    pathways as unknown as PathwayService,
  );
  return { consumer, sites, organisations, beneficiaries, pathways };
}

const enrolled = (id: string) => buildEvent('meic.beneficiary.enrolled.v1', { ...person, beneficiaryId: id, occurredOn: '2026-03-02', programme: 'AMIL' }) as CloudEvent;
const erased = (id: string) => buildEvent('meic.beneficiary.erased.v1', { siteCode: 'IT-RM', country: 'IT', beneficiaryId: id, occurredOn: '2026-10-01' }) as CloudEvent;

describe('beneficiaries events consumer', () => {
  it('keeps the organisations read model: joined and left', async () => {
    const { consumer, organisations } = setup();
    const org = { siteCode: 'IT-RM', country: 'IT', organisationId: randomUUID(), name: 'Coop', type: 'enterprise' as const };
    expect(await consumer.dispatch(buildEvent('meic.organisation.joined.v1', { ...org, occurredOn: '2026-01-20', naceSector: null, communityOfInterest: true }) as CloudEvent)).toEqual({ outcome: 'ok' });
    expect(await consumer.dispatch(buildEvent('meic.organisation.left.v1', { ...org, occurredOn: '2026-06-30' }) as CloudEvent)).toEqual({ outcome: 'ok' });
    expect(organisations.recordJoined).toHaveBeenCalledWith(expect.objectContaining({ organisationId: org.organisationId }));
    expect(organisations.recordLeft).toHaveBeenCalledWith(expect.objectContaining({ organisationId: org.organisationId, occurredOn: '2026-06-30' }));
  });

  it("starts the pathway of a person it holds, and of nobody else (erased, or another instance's)", async () => {
    const held = setup();
    expect(await held.consumer.dispatch(enrolled(randomUUID()))).toEqual({ outcome: 'ok' });
    expect(held.pathways.startFromEnrolment).toHaveBeenCalledTimes(1);

    const gone = setup({ active: false, any: true });
    expect((await gone.consumer.dispatch(enrolled(randomUUID()))).outcome).toBe('drop');
    expect(gone.pathways.startFromEnrolment).not.toHaveBeenCalled();
  });

  it('terminates the pathway on erasure; a missing pathway or a stranger is a drop, not an error', async () => {
    const { consumer, pathways } = setup({ active: false, any: true });
    const id = randomUUID();
    expect(await consumer.dispatch(erased(id))).toEqual({ outcome: 'ok' });
    expect(pathways.terminate).toHaveBeenCalledWith(id, expect.stringContaining('erased'));

    pathways.terminate.mockResolvedValueOnce(false);
    expect((await consumer.dispatch(erased(id))).outcome).toBe('drop');

    const stranger = setup({ active: false, any: false });
    expect((await stranger.consumer.dispatch(erased(id))).outcome).toBe('drop');
    expect(stranger.pathways.terminate).not.toHaveBeenCalled();
  });

  it('records the stage the pathway reports', async () => {
    const { consumer, beneficiaries } = setup();
    const id = randomUUID();
    const event = buildEvent('meic.pathway.stage-changed.v1', { ...person, beneficiaryId: id, occurredOn: '2026-03-10', from: 'intake', to: 'assessment' }) as CloudEvent;
    expect(await consumer.dispatch(event)).toEqual({ outcome: 'ok' });
    expect(beneficiaries.recordStage).toHaveBeenCalledWith(id, 'assessment');
  });

  it('drops the events it does not use', async () => {
    const { consumer } = setup();
    const event = buildEvent('meic.beneficiary.dropped-out.v1', { ...person, beneficiaryId: randomUUID(), occurredOn: '2026-09-01', reason: 'moved_away' }) as CloudEvent;
    expect((await consumer.dispatch(event)).outcome).toBe('drop');
  });
});
