import { Injectable } from '@nestjs/common';
import { TOPICS } from '@meic/contracts';
import { ConsumerPlatform, HostedEventConsumer, ok, type EventHandlers } from '@meic/service-kit';
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

  // Its topic carries the stakeholders service's events only; those of other records are not used here.
  protected readonly handlers: EventHandlers = {
    'meic.site.registered.v1': async (e) => (await this.sites.record(e.data), ok),
    'meic.site.updated.v1': async (e) => (await this.sites.record(e.data), ok),
    'meic.organisation.joined.v1': async (e) => (await this.organisations.recordJoined(e.data), ok),
    'meic.organisation.left.v1': async (e) => (await this.organisations.recordLeft(e.data), ok),
  };
}

/** Its name beside the service's own consumer: group `<group>.reference-data`, readiness `kafka-consumer-reference-data`. */
export const REFERENCE_DATA = 'reference-data';
