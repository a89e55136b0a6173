import { Injectable } from '@nestjs/common';
import { TOPICS, type CloudEvent, type EventType } from '@meic/contracts';
import { ConsumerPlatform, drop, HostedEventConsumer, ok, type StepResult } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';

/**
 * Facts this service learns from Kafka: the beneficiaries read model (who exists, at which
 * site, erased or not, and their coarse attributes), so mentoring matches can be checked and
 * described without calling the beneficiaries service. One group, one dispatcher.
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
      case 'meic.beneficiary.enrolled.v1':
        await this.beneficiaries.recordEnrolment((event as CloudEvent<typeof type>).data);
        return ok;
      case 'meic.beneficiary.erased.v1':
        return (await this.beneficiaries.recordErasure((event as CloudEvent<typeof type>).data, new Date(event.time))) ? ok : drop('erasure of a beneficiary never seen here');
      case 'meic.site.registered.v1':
      case 'meic.site.updated.v1':
      case 'meic.organisation.joined.v1':
      case 'meic.organisation.left.v1':
      case 'meic.territorial-indicator.recorded.v1':
      case 'meic.mentor.registered.v1':
      case 'meic.mentoring.started.v1':
      case 'meic.mentoring.ended.v1':
      case 'meic.course.created.v1':
      case 'meic.course.enrolled.v1':
      case 'meic.course.completed.v1':
      case 'meic.internship.started.v1':
      case 'meic.internship.ended.v1':
      case 'meic.beneficiary.consent-recorded.v1':
      case 'meic.beneficiary.assessed.v2':
      case 'meic.beneficiary.placed.v1':
      case 'meic.beneficiary.followed-up.v1':
      case 'meic.beneficiary.dropped-out.v2':
      case 'meic.pathway.stage-changed.v1':
      case 'meic.pathway.task-raised.v1':
        return drop(`${type} is not used by this service`);
    }
  }
}
