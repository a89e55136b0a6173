import { Injectable } from '@nestjs/common';
import { TOPICS } from '@meic/contracts';
import { ConsumerPlatform, drop, HostedEventConsumer, ok, type EventHandlers } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';

/**
 * Facts this service learns from Kafka: erasures, which delete what it holds about the person.
 * People themselves are looked up in the beneficiaries service when a match names them (no event
 * carries their id). One group; every other event type is dropped.
 */
@Injectable()
export class EventsConsumer extends HostedEventConsumer {
  constructor(
    platform: ConsumerPlatform,
    private readonly beneficiaries: BeneficiariesService,
  ) {
    super(platform, [TOPICS.beneficiaries]);
  }

  protected readonly handlers: EventHandlers = {
    'meic.beneficiary.erased.v2': async (e) => ((await this.beneficiaries.recordErasure(e.data)) ? ok : drop('erasure of a person this service never wrote about (pseudonym tombstoned)')),
  };
}
