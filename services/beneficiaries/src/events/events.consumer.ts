import { Injectable } from '@nestjs/common';
import { TOPICS, type CloudEvent } from '@meic/contracts';
import { ConsumerPlatform, drop, HostedEventConsumer, ok, type EventHandlers, type StepResult } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import { ErasureService } from '../erasure/erasure.service';
import { PathwayService } from '../pathway/pathway.service';
import { pathwayFactHandlers, pathwayFactOf, type PathwayFactType } from './pathway-facts';

/**
 * The pathway facts this service learns from Kafka: its own beneficiary events, which start,
 * move and end pathways, and the trainings service's course and internship events, which move
 * pathways too. One group, a step per event type it uses; each step calls a service and reports its outcome,
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

  protected readonly handlers: EventHandlers = {
    ...pathwayFactHandlers((e) => this.moveOn(e)),
    'meic.beneficiary.enrolled.v2': async (e) => {
      // Only people this database holds, and not once erased: a redelivered enrolment must not
      // revive an erased person's pathway, and another instance's people are not ours to start.
      const person = await this.beneficiaries.byPseudonym(e.data.pseudonym);
      if (!person || person.erased) return drop('pseudonym of no one held here (another instance, or erased)');
      return (await this.pathways.startFromEnrolment(e, person.id)) ? ok : drop('pathway already closed');
    },
    'meic.beneficiary.erased.v2': async (e) => {
      // The erasure workflow was started with the request; this starts it if Temporal was down
      // then (retried until it answers). A forgotten pseudonym means the erasure has finished.
      const person = await this.beneficiaries.byPseudonym(e.data.pseudonym);
      if (!person) return drop('pseudonym of no one held here (erasure finished, or another instance)');
      return (await this.erasures.ensureStartedFor(person.id)) ? ok : drop('erasure finished');
    },
    // The pathway's activity sets the stage column in the transaction that writes this event
    // (PathwayRepository.recordStageChange). Applying it again here would be harmless once, but
    // a replay after a consumer restart would roll the column back through older stages until
    // it caught up: the column has one writer.
    'meic.pathway.stage-changed.v2': async () => drop('stage recorded by the pathway activity'),
    // Sites and organisations are read by the reference-data consumer.
  };

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
