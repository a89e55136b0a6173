import { Injectable } from '@nestjs/common';
import { TOPICS, type CloudEvent, type EventType } from '@meic/contracts';
import { ConsumerPlatform, drop, HostedEventConsumer, ok, type StepResult } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { SitesService } from '../sites/sites.service';

/**
 * What this service learns from Kafka instead of calling other services: sites and cluster
 * organisations (stakeholders) and beneficiaries (beneficiaries). One group, one dispatcher;
 * every step is an upsert, so redelivery changes nothing.
 */
@Injectable()
export class EventsConsumer extends HostedEventConsumer {
  constructor(
    platform: ConsumerPlatform,
    private readonly sites: SitesService,
    private readonly organisations: OrganisationsService,
    private readonly beneficiaries: BeneficiariesService,
  ) {
    super(platform, [TOPICS.stakeholders, TOPICS.beneficiaries]);
  }

  async dispatch(event: CloudEvent): Promise<StepResult> {
    const type: EventType = event.type;
    switch (type) {
      case 'meic.site.registered.v1':
      case 'meic.site.updated.v1':
        await this.sites.record((event as CloudEvent<typeof type>).data);
        return ok;
      case 'meic.organisation.joined.v1':
        await this.organisations.joined((event as CloudEvent<typeof type>).data);
        return ok;
      case 'meic.organisation.left.v1':
        await this.organisations.left((event as CloudEvent<typeof type>).data);
        return ok;
      case 'meic.beneficiary.enrolled.v1':
        await this.beneficiaries.enrolled((event as CloudEvent<typeof type>).data);
        return ok;
      case 'meic.beneficiary.erased.v1':
        return (await this.beneficiaries.erased((event as CloudEvent<typeof type>).data)) ? ok : drop('erasure of a beneficiary this service never saw');
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
        return drop(`${type} is not used by the trainings service`);
    }
  }
}
