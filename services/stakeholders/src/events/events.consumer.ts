import { Injectable } from '@nestjs/common';
import { TOPICS, type CloudEvent, type EventType } from '@meic/contracts';
import { ConsumerPlatform, drop, HostedEventConsumer, ok, type StepResult } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';

/**
 * Facts this service learns from Kafka: erasures, which delete what it holds about the person.
 * People themselves are looked up in the beneficiaries service when a match names them (no event
 * carries their id). One group, one dispatcher.
 */
@Injectable()
export class EventsConsumer extends HostedEventConsumer {
  constructor(
    platform: ConsumerPlatform,
    private readonly beneficiaries: BeneficiariesService,
  ) {
    super(platform, [TOPICS.beneficiaries]);
  }

  async dispatch(event: CloudEvent): Promise<StepResult> {
    const type: EventType = event.type;
    switch (type) {
      case 'meic.beneficiary.erased.v2':
        return (await this.beneficiaries.recordErasure((event as CloudEvent<typeof type>).data)) ? ok : drop('erasure of a person this service never wrote about (pseudonym tombstoned)');
      // People are looked up in the beneficiaries service when a record names them.
      case 'meic.beneficiary.enrolled.v2':
      case 'meic.site.registered.v1':
      case 'meic.site.updated.v1':
      case 'meic.organisation.joined.v1':
      case 'meic.organisation.left.v1':
      case 'meic.territorial-indicator.recorded.v1':
      case 'meic.mentor.registered.v1':
      case 'meic.mentoring.started.v2':
      case 'meic.mentoring.ended.v2':
      case 'meic.course.created.v1':
      case 'meic.course.enrolled.v2':
      case 'meic.course.completed.v2':
      case 'meic.internship.started.v2':
      case 'meic.internship.ended.v2':
      case 'meic.beneficiary.consent-recorded.v2':
      case 'meic.beneficiary.assessed.v2':
      case 'meic.beneficiary.placed.v2':
      case 'meic.beneficiary.followed-up.v2':
      case 'meic.beneficiary.dropped-out.v2':
      case 'meic.pathway.stage-changed.v2':
      case 'meic.pathway.task-raised.v2':
        return drop(`${type} is not used by this service`);
    }
  }
}
