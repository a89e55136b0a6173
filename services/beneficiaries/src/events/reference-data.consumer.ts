import { Inject, Injectable } from '@nestjs/common';
import { TOPICS, type CloudEvent, type EventType } from '@meic/contracts';
import { drop, HostedEventConsumer, KAFKA, LOGGER, Metrics, ok, ReadinessRegistry, type StepResult } from '@meic/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { OrganisationsService } from '../organisations/organisations.service';
import { SitesService } from '../sites/sites.service';
import { CONSUMER_GROUP } from './events.consumer';

/**
 * The read models of the stakeholders service's sites and organisations, in a group of their own:
 * a request for a site registered a moment ago (an enrolment, a pathway template, an import)
 * waits for this consumer only, never behind a backlog of pathway facts, each a Temporal signal
 * (after the demo load, site:add waited over a minute for a new site when both shared a group).
 */
@Injectable()
export class ReferenceDataConsumer extends HostedEventConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(LOGGER) logger: Logger,
    @Inject(CONSUMER_GROUP) groupId: string,
    metrics: Metrics,
    readiness: ReadinessRegistry,
    private readonly sites: SitesService,
    private readonly organisations: OrganisationsService,
  ) {
    super({ kafka, logger, groupId: referenceDataGroup(groupId), metrics, readiness, readinessName: 'kafka-consumer-reference-data' }, [TOPICS.stakeholders]);
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

/** The reference-data consumer's group, next to the service's own. */
export const referenceDataGroup = (groupId: string): string => `${groupId}.reference-data`;
