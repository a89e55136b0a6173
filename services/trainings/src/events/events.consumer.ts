import { Injectable } from '@nestjs/common';
import { TOPICS } from '@meic/contracts';
import { ConsumerPlatform, drop, HostedEventConsumer, ok, type EventHandlers } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { SitesService } from '../sites/sites.service';

/**
 * What this service learns from Kafka instead of calling other services: sites and cluster
 * organisations (stakeholders), and erasures (beneficiaries). People themselves are looked up when
 * a record names them: no event carries their id. One group, a step per event type it uses; every step is an
 * upsert or a delete, so redelivery changes nothing.
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

  // People are looked up in the beneficiaries service when a record names them.
  protected readonly handlers: EventHandlers = {
    'meic.site.registered.v1': async (e) => (await this.sites.record(e.data), ok),
    'meic.site.updated.v1': async (e) => (await this.sites.record(e.data), ok),
    'meic.organisation.joined.v1': async (e) => (await this.organisations.joined(e.data), ok),
    'meic.organisation.left.v1': async (e) => (await this.organisations.left(e.data), ok),
    'meic.beneficiary.erased.v2': async (e) => ((await this.beneficiaries.erased(e.data)) ? ok : drop('erasure of a person this service never wrote about (pseudonym tombstoned)')),
  };
}
