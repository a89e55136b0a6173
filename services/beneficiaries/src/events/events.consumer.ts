import { Injectable } from '@nestjs/common';
import { TOPICS, type CloudEvent, type EventType } from '@meic/contracts';
import { ConsumerPlatform, drop, HostedEventConsumer, ok, type StepResult } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import { ErasureService } from '../erasure/erasure.service';
import { PathwayService } from '../pathway/pathway.service';
import { isPathwayFactType, pathwayFactOf, type PathwayFactType } from './pathway-facts';

/**
 * The pathway facts this service learns from Kafka: its own beneficiary events, which start,
 * move and end pathways, and the trainings service's course and internship events, which move
 * pathways too. One group, one dispatcher; each step calls a service and reports its outcome,
 * and is an upsert or a no-op on redelivery. Sites and organisations have a consumer of their
 * own (ReferenceDataConsumer).
 */
@Injectable()
export class EventsConsumer extends HostedEventConsumer {
  constructor(
    platform: ConsumerPlatform,
    private readonly beneficiaries: BeneficiariesService,
    private readonly pathways: PathwayService,
    private readonly erasures: ErasureService,
  ) {
    super(platform, [TOPICS.beneficiaries, TOPICS.trainings]);
  }

  async dispatch(event: CloudEvent): Promise<StepResult> {
    const type: EventType = event.type;
    if (isPathwayFactType(type)) return this.moveOn(event as CloudEvent<PathwayFactType>);
    switch (type) {
      case 'meic.site.registered.v1':
      case 'meic.site.updated.v1':
      case 'meic.organisation.joined.v1':
      case 'meic.organisation.left.v1':
        return drop(`${type} is read by the reference-data consumer`);
      case 'meic.beneficiary.enrolled.v2': {
        const e = event as CloudEvent<typeof type>;
        // Only people this database holds, and not once erased: a redelivered enrolment must not
        // revive an erased person's pathway, and another instance's people are not ours to start.
        const person = await this.beneficiaries.byPseudonym(e.data.pseudonym);
        if (!person || person.erased) return drop('pseudonym of no one held here (another instance, or erased)');
        return (await this.pathways.startFromEnrolment(e, person.id)) ? ok : drop('pathway already closed');
      }
      case 'meic.beneficiary.erased.v2': {
        // The erasure workflow was started with the request; this starts it if Temporal was down
        // then (retried until it answers). A forgotten pseudonym means the erasure has finished.
        const person = await this.beneficiaries.byPseudonym((event as CloudEvent<typeof type>).data.pseudonym);
        if (!person) return drop('pseudonym of no one held here (erasure finished, or another instance)');
        return (await this.erasures.ensureStartedFor(person.id)) ? ok : drop('erasure finished');
      }
      // The pathway's activity sets the stage column in the transaction that writes this event
      // (PathwayRepository.recordStageChange). Applying it again here would be harmless once, but
      // a replay after a consumer restart would roll the column back through older stages until
      // it caught up: the column has one writer.
      case 'meic.pathway.stage-changed.v2':
        return drop('stage recorded by the pathway activity');
      case 'meic.territorial-indicator.recorded.v1':
      case 'meic.mentor.registered.v1':
      case 'meic.mentoring.started.v2':
      case 'meic.mentoring.ended.v2':
      case 'meic.course.created.v1':
      case 'meic.pathway.task-raised.v2':
        return drop(`${type} is not used by this service yet`);
    }
  }

  /**
   * A person event moves their pathway: only for people this database holds and has not erased
   * (a trainings event may be about another instance's person, and an erased person's pathway
   * has ended). A fact that overtook the enrolment starts the pathway from the person's record;
   * a closed pathway is a drop; anything else is an error the consumer retries.
   */
  private async moveOn(event: CloudEvent<PathwayFactType>): Promise<StepResult> {
    const person = await this.beneficiaries.byPseudonym(event.data.pseudonym);
    if (!person || person.erased) return drop('pseudonym of no one held here (another instance, or erased)');
    const origin = { beneficiaryId: person.id, siteCode: person.siteCode, enrolledOn: person.enrolledOn };
    return (await this.pathways.signalFact(origin, pathwayFactOf(event))) ? ok : drop('pathway closed');
  }
}
