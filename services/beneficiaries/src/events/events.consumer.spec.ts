import { randomUUID } from 'node:crypto';
import { buildEvent, type CloudEvent } from '@meic/contracts';
import { ConsumerPlatform, type Metrics, type ReadinessRegistry } from '@meic/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import type { ErasureService } from '../erasure/erasure.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { PathwayService } from '../pathway/pathway.service';
import type { SitesService } from '../sites/sites.service';
import { EventsConsumer } from './events.consumer';
import { REFERENCE_DATA, ReferenceDataConsumer } from './reference-data.consumer';

const person = { siteCode: 'IT-RM', country: 'IT', sex: 'female', ageBand: '25-29', citizenship: 'ML', legalStatus: 'refugee' } as const;

/** The beneficiary id the pseudonym of a held person stands for. */
const ID = randomUUID();

/** `held`: the pseudonym is of a person held here (active or erased, not yet forgotten), or of no one held here. */
function setup(held: 'active' | 'erased' | 'none' = 'active') {
  const sites = { record: jest.fn().mockResolvedValue(undefined) };
  const organisations = { recordJoined: jest.fn().mockResolvedValue(undefined), recordLeft: jest.fn().mockResolvedValue(undefined) };
  const beneficiaries = {
    byPseudonym: jest.fn(() => Promise.resolve(held === 'none' ? undefined : { id: ID, erased: held === 'erased', siteCode: 'IT-RM', enrolledOn: '2026-03-02' })),
  };
  const erasures = { ensureStartedFor: jest.fn().mockResolvedValue(true) };
  const pathways = { startFromEnrolment: jest.fn().mockResolvedValue(true), signalFact: jest.fn().mockResolvedValue(true) };
  const platform = new ConsumerPlatform({} as Kafka, {} as Logger, 'test-group', { registry: undefined } as unknown as Metrics, {} as ReadinessRegistry);
  const consumer = new EventsConsumer(platform, beneficiaries as unknown as BeneficiariesService, pathways as unknown as PathwayService, erasures as unknown as ErasureService);
  const referenceData = new ReferenceDataConsumer(platform, sites as unknown as SitesService, organisations as unknown as OrganisationsService);
  return { platform, consumer, referenceData, sites, organisations, beneficiaries, pathways, erasures };
}

const enrolled = (pseudonym: string) => buildEvent('meic.beneficiary.enrolled.v2', { ...person, pseudonym, occurredOn: '2026-03-02', programme: 'AMIL' }) as CloudEvent;
const erased = (pseudonym: string) => buildEvent('meic.beneficiary.erased.v2', { siteCode: 'IT-RM', country: 'IT', pseudonym, occurredOn: '2026-10-01' }) as CloudEvent;

describe('beneficiaries events consumer', () => {
  it('keeps the sites and organisations read models in a group of their own, apart from the pathway facts', async () => {
    const { platform, consumer, referenceData, organisations, sites } = setup();
    expect(platform.beside(REFERENCE_DATA)).toMatchObject({ groupId: 'test-group.reference-data', readinessName: 'kafka-consumer-reference-data' });
    const org = { siteCode: 'IT-RM', country: 'IT', organisationId: randomUUID(), name: 'Coop', type: 'enterprise' as const };
    const joined = buildEvent('meic.organisation.joined.v1', { ...org, occurredOn: '2026-01-20', naceSector: null, communityOfInterest: true }) as CloudEvent;
    expect(await referenceData.dispatch(joined)).toEqual({ outcome: 'ok' });
    expect(await referenceData.dispatch(buildEvent('meic.organisation.left.v1', { ...org, occurredOn: '2026-06-30' }) as CloudEvent)).toEqual({ outcome: 'ok' });
    expect(organisations.recordJoined).toHaveBeenCalledWith(expect.objectContaining({ organisationId: org.organisationId }));
    expect(organisations.recordLeft).toHaveBeenCalledWith(expect.objectContaining({ organisationId: org.organisationId, occurredOn: '2026-06-30' }));
    const site = buildEvent('meic.site.registered.v1', { siteCode: 'IT-TO', country: 'IT', programme: 'AMIL', name: 'AMIL Torino', city: 'Torino', clusterName: 'C', startedOn: '2026-01-15', occurredOn: '2026-01-15', targets: { enrolled: 1, placed: 1, womenSharePct: 40 }, defaultLanguage: 'it' }) as CloudEvent;
    expect(await referenceData.dispatch(site)).toEqual({ outcome: 'ok' });
    expect(sites.record).toHaveBeenCalledTimes(1);
    // The pathway consumer does not read them (and drops one if it ever came its way).
    expect((await consumer.dispatch(joined)).outcome).toBe('drop');
  });

  it("starts the pathway of the person a pseudonym stands for, and of nobody else (erased, or another instance's)", async () => {
    const held = setup();
    const event = enrolled(randomUUID());
    expect(await held.consumer.dispatch(event)).toEqual({ outcome: 'ok' });
    expect(held.pathways.startFromEnrolment).toHaveBeenCalledWith(event, ID);

    for (const gone of [setup('erased'), setup('none')]) {
      expect((await gone.consumer.dispatch(enrolled(randomUUID()))).outcome).toBe('drop');
      expect(gone.pathways.startFromEnrolment).not.toHaveBeenCalled();
    }
  });

  it("on erasure makes sure the person's erasure workflow runs (Temporal may have been down at the request); a forgotten pseudonym is a drop", async () => {
    const { consumer, erasures, beneficiaries } = setup('erased');
    const pseudonym = randomUUID();
    expect(await consumer.dispatch(erased(pseudonym))).toEqual({ outcome: 'ok' });
    expect(beneficiaries.byPseudonym).toHaveBeenCalledWith(pseudonym);
    expect(erasures.ensureStartedFor).toHaveBeenCalledWith(ID);

    // Temporal down: retried.
    const down = setup('erased');
    down.erasures.ensureStartedFor.mockRejectedValueOnce(new Error('temporal unavailable'));
    await expect(down.consumer.dispatch(erased(pseudonym))).rejects.toThrow('temporal unavailable');

    const finished = setup('erased');
    finished.erasures.ensureStartedFor.mockResolvedValueOnce(false);
    expect(await finished.consumer.dispatch(erased(pseudonym))).toEqual({ outcome: 'drop', reason: 'erasure finished' });

    const forgotten = setup('none');
    expect((await forgotten.consumer.dispatch(erased(pseudonym))).outcome).toBe('drop');
    expect(forgotten.erasures.ensureStartedFor).not.toHaveBeenCalled();
  });

  it("leaves the stage column to the pathway's activity: stage-changed is a drop", async () => {
    const { consumer, pathways } = setup();
    const event = buildEvent('meic.pathway.stage-changed.v2', { ...person, pseudonym: randomUUID(), occurredOn: '2026-03-10', from: 'intake', to: 'assessment' }) as CloudEvent;
    expect(await consumer.dispatch(event)).toEqual({ outcome: 'drop', reason: 'stage recorded by the pathway activity' });
    expect(pathways.signalFact).not.toHaveBeenCalled();
  });

  it('moves the pathway with the person events of its own topic and of trainings, starting it from the person record if a fact overtook the enrolment', async () => {
    const { consumer, pathways, beneficiaries } = setup();
    const pseudonym = randomUUID();
    const assessed = buildEvent('meic.beneficiary.assessed.v2', { ...person, pseudonym, occurredOn: '2026-03-10', assessmentId: randomUUID(), barriers: [], recommendedActivities: [] }) as CloudEvent;
    const course = buildEvent('meic.course.enrolled.v2', { ...person, pseudonym, occurredOn: '2026-03-20', courseId: randomUUID(), courseType: 'l2_language', cefrLevelAtStart: null }) as CloudEvent;
    expect(await consumer.dispatch(assessed)).toEqual({ outcome: 'ok' });
    expect(await consumer.dispatch(course)).toEqual({ outcome: 'ok' });
    expect(beneficiaries.byPseudonym).toHaveBeenCalledWith(pseudonym);
    const origin = { beneficiaryId: ID, siteCode: 'IT-RM', enrolledOn: '2026-03-02' };
    expect(pathways.signalFact.mock.calls).toEqual([
      [origin, { eventId: assessed.id, kind: 'assessed', on: '2026-03-10' }],
      [origin, { eventId: course.id, kind: 'course-enrolled', on: '2026-03-20' }],
    ]);
  });

  it('drops a person event of someone not held here or erased, and one whose pathway has closed; Temporal errors are retried', async () => {
    const dropout = (pseudonym: string) => buildEvent('meic.beneficiary.dropped-out.v2', { ...person, pseudonym, occurredOn: '2026-09-01', reason: 'moved_away' }) as CloudEvent;
    for (const stranger of [setup('none'), setup('erased')]) {
      expect(await stranger.consumer.dispatch(dropout(randomUUID()))).toEqual({ outcome: 'drop', reason: 'pseudonym of no one held here (another instance, or erased)' });
      expect(stranger.pathways.signalFact).not.toHaveBeenCalled();
    }

    const held = setup();
    held.pathways.signalFact.mockResolvedValueOnce(false);
    expect(await held.consumer.dispatch(dropout(randomUUID()))).toEqual({ outcome: 'drop', reason: 'pathway closed' });
    held.pathways.signalFact.mockRejectedValueOnce(new Error('temporal unavailable'));
    await expect(held.consumer.dispatch(dropout(randomUUID()))).rejects.toThrow('temporal unavailable');
  });

  it('drops the events it does not use', async () => {
    const { consumer, pathways } = setup();
    const event = buildEvent('meic.pathway.task-raised.v2', { siteCode: 'IT-RM', country: 'IT', pseudonym: randomUUID(), taskId: randomUUID(), kind: 'pathway_stalled', dueOn: '2026-06-01', occurredOn: '2026-06-01' }) as CloudEvent;
    expect((await consumer.dispatch(event)).outcome).toBe('drop');
    expect(pathways.signalFact).not.toHaveBeenCalled();
  });
});
