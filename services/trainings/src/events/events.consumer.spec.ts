import { EVENT_TYPES, type CloudEvent, type EventType } from '@meic/contracts';
import { ConsumerPlatform, Metrics, ReadinessRegistry } from '@meic/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import type { OrganisationsService } from '../organisations/organisations.service';
import type { SitesService } from '../sites/sites.service';
import { EventsConsumer } from './events.consumer';

const HANDLED: Partial<Record<EventType, string>> = {
  'meic.site.registered.v1': 'sites.record',
  'meic.site.updated.v1': 'sites.record',
  'meic.organisation.joined.v1': 'organisations.joined',
  'meic.organisation.left.v1': 'organisations.left',
  'meic.beneficiary.erased.v2': 'beneficiaries.erased',
};

function consumerWith(erasedKnown = true) {
  const calls: [string, unknown][] = [];
  const rec = (name: string, result?: unknown) => async (data: unknown) => {
    calls.push([name, data]);
    return result;
  };
  const sites = { record: rec('sites.record') } as unknown as SitesService;
  const organisations = { joined: rec('organisations.joined'), left: rec('organisations.left') } as unknown as OrganisationsService;
  const beneficiaries = { erased: rec('beneficiaries.erased', erasedKnown) } as unknown as BeneficiariesService;
  const consumer = new EventsConsumer(new ConsumerPlatform({} as Kafka, {} as Logger, 'trainings', new Metrics(), new ReadinessRegistry()), sites, organisations, beneficiaries);
  return { consumer, calls };
}

const eventOf = (type: EventType): CloudEvent => ({ type, data: { marker: type } }) as unknown as CloudEvent;

describe('trainings events consumer', () => {
  it.each(EVENT_TYPES)('dispatches %s to its read model or drops it', async (type) => {
    const { consumer, calls } = consumerWith();
    const result = await consumer.dispatch(eventOf(type));
    const handler = HANDLED[type];
    if (handler) {
      expect(result).toEqual({ outcome: 'ok' });
      expect(calls).toEqual([[handler, { marker: type }]]);
    } else {
      expect(result.outcome).toBe('drop');
      expect(calls).toEqual([]);
    }
  });

  it('drops the erasure of someone it never wrote about (only a tombstone), without dead-lettering', async () => {
    const { consumer } = consumerWith(false);
    expect(await consumer.dispatch(eventOf('meic.beneficiary.erased.v2'))).toEqual({ outcome: 'drop', reason: 'erasure of a person this service never wrote about (pseudonym tombstoned)' });
  });
});
