import { randomUUID } from 'node:crypto';
import { pollUntil, testProducer, testStack } from '@meic/testing';
import { toKafkaRecord } from '@meic/contracts';
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { PathwayFact } from '../pathway/pathway.rules';
import { pathwayStateQuery, pathwayWorkflowId, type PathwayState } from '../pathway/pathway.types';
import { startHarness, type Harness } from '../testing/harness';

const person = { sex: 'female', ageBand: '25-29', citizenship: 'ML', legalStatus: 'refugee' } as const;

describe("person events move the person's pathway (consumer → signal → workflow)", () => {
  let h: Harness;
  let connection: Connection;
  let temporal: Client;
  let producer: Awaited<ReturnType<typeof testProducer>>;

  beforeAll(async () => {
    h = await startHarness({ worker: true });
    const stack = testStack();
    connection = await Connection.connect({ address: stack.temporalAddress });
    temporal = new Client({ connection, namespace: stack.temporalNamespace });
    producer = await testProducer('pathway-facts-test');
  });
  afterAll(async () => {
    await producer?.close();
    await connection?.close();
    await h?.close();
  });

  const state = (id: string) => temporal.workflow.getHandle(pathwayWorkflowId(id)).query(pathwayStateQuery);
  /** The facts signalled to the pathway, from its history (what the workflow received, whatever it made of them). */
  const signalledFacts = async (id: string): Promise<PathwayFact[]> => {
    const history = await temporal.workflow.getHandle(pathwayWorkflowId(id)).fetchHistory();
    return (history.events ?? [])
      .map((e) => e.workflowExecutionSignaledEventAttributes)
      .filter((a) => a?.signalName === 'pathwayFact')
      .map((a) => defaultPayloadConverter.fromPayload<PathwayFact>(a?.input?.payloads?.[0] ?? {}));
  };

  it('an enrolled person, assessed and then enrolled on a course (trainings topic): the workflow has both facts, once each', async () => {
    const { id } = await h.enrol();
    await pollUntil('the pathway to start', async () => (await state(id).catch(() => undefined)) !== undefined);
    // What the trainings service would learn from GET /v1/beneficiaries/{id}/reference.
    const pseudonym = (await h.pg.query<{ pseudonym: string }>('SELECT pseudonym FROM beneficiaries WHERE id = $1', [id])).rows[0]!.pseudonym;
    const facts = { ...person, pseudonym, siteCode: h.siteCode, country: h.siteCode.slice(0, 2) };
    await h.publish('meic.beneficiary.assessed.v2', { ...facts, occurredOn: '2026-03-10', assessmentId: randomUUID(), barriers: ['language'], recommendedActivities: ['l2_language'] });
    // One at a time, so that each fact shows as its own stage in the history.
    await pollUntil('the pathway to reach assessment', async () => (await state(id)).stage === 'assessment');
    const course = await h.publish('meic.course.enrolled.v2', { ...facts, occurredOn: '2026-03-20', courseId: randomUUID(), courseType: 'l2_language', cefrLevelAtStart: 'A2' });

    const moved: PathwayState = await pollUntil('the pathway to reach training', async () => {
      const s = await state(id);
      return s.stage === 'training' ? s : undefined;
    });
    expect(moved.history.map((x) => [x.stage, x.on])).toEqual([
      ['intake', '2026-03-02'],
      ['assessment', '2026-03-10'],
      ['training', '2026-03-20'],
    ]);
    // enrolled (signal-with-start), assessed, course enrolled: dates and kinds only
    const received = await signalledFacts(id);
    expect(received.map((f) => [f.kind, f.on])).toEqual(expect.arrayContaining([['enrolled', '2026-03-02'], ['assessed', '2026-03-10'], ['course-enrolled', '2026-03-20']]));
    expect(received.find((f) => f.kind === 'course-enrolled')).toEqual({ eventId: course.id, kind: 'course-enrolled', on: '2026-03-20' });

    // Redelivery of the same CloudEvent (same ce_id): the same fact again, which the workflow ignores.
    await producer.send(toKafkaRecord(course));
    await pollUntil('the redelivered fact to arrive', async () => (await signalledFacts(id)).filter((f) => f.eventId === course.id).length === 2);
    expect((await state(id)).history).toHaveLength(3);
  });
});
