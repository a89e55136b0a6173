import { Injectable } from '@nestjs/common';
import { TOPICS, type CloudEvent, type EventType } from '@meic/contracts';
import { ConsumerPlatform, drop, HostedEventConsumer, ok, type StepResult } from '@meic/service-kit';
import { OrganisationsService } from '../organisations/organisations.service';
import { SitesService } from '../sites/sites.service';

/**
 * The read models of the stakeholders service's sites and organisations, in a group of their own:
 * a request for a site registered a moment ago (an enrolment, a pathway template, an import)
 * waits for this consumer only, never behind a backlog of pathway facts, each a Temporal signal
 * (after the demo load, site:add waited over a minute for a new site when both shared a group).
 */
@Injectable()
export class ReferenceDataConsumer extends HostedEventConsumer {
  constructor(
    platform: ConsumerPlatform,
    private readonly sites: SitesService,
    private readonly organisations: OrganisationsService,
  ) {
    super(platform.beside(REFERENCE_DATA), [TOPICS.stakeholders]);
  }

  async dispatch(event: CloudEvent): Promise<StepResult> {
    // Its topic carries the stakeholders service's events only; those of other records are not used here.
    if (isEvent(event, 'meic.site.registered.v1') || isEvent(event, 'meic.site.updated.v1')) await this.sites.record(event.data);
    else if (isEvent(event, 'meic.organisation.joined.v1')) await this.organisations.recordJoined(event.data);
    else if (isEvent(event, 'meic.organisation.left.v1')) await this.organisations.recordLeft(event.data);
    else return drop(`${event.type} is not used by this service yet`);
    return ok;
  }
}

function isEvent<T extends EventType>(event: CloudEvent, type: T): event is CloudEvent<T> {
  return event.type === type;
}

/** Its name beside the service's own consumer: group `<group>.reference-data`, readiness `kafka-consumer-reference-data`. */
export const REFERENCE_DATA = 'reference-data';
