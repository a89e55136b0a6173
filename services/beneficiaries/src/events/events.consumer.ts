import { Inject, Injectable } from '@nestjs/common';
import { TOPICS, type CloudEvent, type EventType } from '@meic/contracts';
import { drop, HostedEventConsumer, KAFKA, LOGGER, Metrics, ok, ReadinessRegistry, type StepResult } from '@meic/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { PathwayService } from '../pathway/pathway.service';
import { SitesService } from '../sites/sites.service';

export const CONSUMER_GROUP = Symbol('CONSUMER_GROUP');

/**
 * Facts this service learns from Kafka: sites and organisations (its read models), and its own
 * beneficiary events, which start and end pathways and carry the pathway's stage back. One
 * group, one dispatcher; each step calls a service and reports its outcome. Every step is an
 * upsert or a no-op on redelivery.
 */
@Injectable()
export class EventsConsumer extends HostedEventConsumer {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(LOGGER) logger: Logger,
    @Inject(CONSUMER_GROUP) groupId: string,
    metrics: Metrics,
    readiness: ReadinessRegistry,
    private readonly sites: SitesService,
    private readonly organisations: OrganisationsService,
    private readonly beneficiaries: BeneficiariesService,
    private readonly pathways: PathwayService,
  ) {
    super({ kafka, logger, groupId, metrics, readiness }, [TOPICS.stakeholders, TOPICS.beneficiaries]);
  }

  async dispatch(event: CloudEvent): Promise<StepResult> {
    const type: EventType = event.type;
    switch (type) {
      case 'meic.site.registered.v1':
      case 'meic.site.updated.v1':
        await this.sites.record((event as CloudEvent<typeof type>).data);
        return ok;
      case 'meic.organisation.joined.v1':
        await this.organisations.recordJoined((event as CloudEvent<typeof type>).data);
        return ok;
      case 'meic.organisation.left.v1':
        await this.organisations.recordLeft((event as CloudEvent<typeof type>).data);
        return ok;
      case 'meic.beneficiary.enrolled.v1': {
        const e = event as CloudEvent<typeof type>;
        // Only people this database holds, and not once erased: a redelivered enrolment must not
        // revive an erased person's pathway, and another instance's people are not ours to start.
        if (!(await this.beneficiaries.holds(e.data.beneficiaryId, { includeErased: false }))) return drop('beneficiary not held here or erased');
        return (await this.pathways.startFromEnrolment(e)) ? ok : drop('pathway already closed');
      }
      case 'meic.beneficiary.erased.v1': {
        const { beneficiaryId } = (event as CloudEvent<typeof type>).data;
        if (!(await this.beneficiaries.holds(beneficiaryId, { includeErased: true }))) return drop('beneficiary not held here');
        // Asynchronous on purpose: the erasure committed already; Temporal being down only delays this (retried).
        return (await this.pathways.terminate(beneficiaryId, 'beneficiary erased (GDPR art. 17)')) ? ok : drop('no running pathway');
      }
      case 'meic.pathway.stage-changed.v1': {
        const { beneficiaryId, to } = (event as CloudEvent<typeof type>).data;
        return (await this.beneficiaries.recordStage(beneficiaryId, to)) ? ok : drop('beneficiary not held here');
      }
      case 'meic.territorial-indicator.recorded.v1':
      case 'meic.mentor.registered.v1':
      case 'meic.mentoring.started.v1':
      case 'meic.mentoring.ended.v1':
      case 'meic.course.created.v1':
      case 'meic.course.enrolled.v1':
      case 'meic.course.completed.v1':
      case 'meic.internship.started.v1':
      case 'meic.internship.ended.v1':
      case 'meic.beneficiary.assessed.v1':
      case 'meic.beneficiary.placed.v1':
      case 'meic.beneficiary.followed-up.v1':
      case 'meic.beneficiary.dropped-out.v1':
      case 'meic.pathway.task-raised.v1':
        return drop(`${type} is not used by this service yet`);
    }
  }
}
