import { buildEvent, EVENT_TYPES, type CloudEvent } from '@meic/contracts';
import { ConsumerPlatform, createLogger, Metrics, ReadinessRegistry } from '@meic/service-kit';
import type { Kafka } from 'kafkajs';
import type { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import { EventsConsumer } from './events.consumer';

const pseudonym = '3f2b8c1d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

function consumerWith(beneficiaries: Partial<BeneficiariesService>): EventsConsumer {
  // The Kafka client is only used by start(); dispatch is the unit under test.
  return new EventsConsumer(new ConsumerPlatform({} as Kafka, createLogger('test', 'error'), 'stakeholders-test', new Metrics(), new ReadinessRegistry()), beneficiaries as BeneficiariesService);
}

describe('EventsConsumer.dispatch', () => {
  const enrolled = buildEvent('meic.beneficiary.enrolled.v2', {
    pseudonym,
    siteCode: 'IT-RM',
    country: 'IT',
    occurredOn: '2026-03-02',
    programme: 'AMIL',
    sex: 'female',
    ageBand: '25-29',
    citizenship: 'ML',
    legalStatus: 'refugee',
  });
  const erased = buildEvent('meic.beneficiary.erased.v2', { pseudonym, siteCode: 'IT-RM', country: 'IT', occurredOn: '2026-05-01' }, { time: new Date('2026-05-01T09:00:00Z') });

  it('records an erasure, and drops one of a person never written about (a tombstone only)', async () => {
    const recordErasure = jest.fn().mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    const consumer = consumerWith({ recordErasure });
    expect(await consumer.dispatch(erased)).toEqual({ outcome: 'ok' });
    expect(recordErasure).toHaveBeenCalledWith(erased.data);
    expect((await consumer.dispatch(erased)).outcome).toBe('drop');
  });

  it('drops every other event type, enrolments included (people are looked up when a record names them)', async () => {
    const recordErasure = jest.fn();
    const consumer = consumerWith({ recordErasure });
    for (const type of EVENT_TYPES.filter((t) => t !== 'meic.beneficiary.erased.v2')) {
      // Only the type matters to the dispatcher; the data is not looked at for dropped types.
      const result = await consumer.dispatch({ ...enrolled, type } as unknown as CloudEvent);
      expect(result.outcome).toBe('drop');
    }
    expect(recordErasure).not.toHaveBeenCalled();
  });
});
