import { startAnalytics, type AnalyticsHarness } from '@meic/analytics/testing/analytics-harness';
import { demoEvents, type DemoEventPerson } from '@meic/onboarding/demo/demo-events';
import { generateDemoProgramme, type DemoProgramme } from '@meic/onboarding/demo/demo-generator';

/** The programme the disclosure audit runs on: the demo (seed 2026), whose every person is known. */
export const DEMO_SEED = 2026;
export const DEMO_REFERENCE_DATE = '2026-11-24';
/** The evaluation date of the audit: the last month end of the programme (a protected reader's asOf is a month end). */
export const AUDIT_AS_OF = '2026-11-30';

export interface DemoWorld {
  h: AnalyticsHarness;
  programme: DemoProgramme;
  /** Everyone enrolled, with the attributes and outcomes analytics holds: the truth. */
  people: DemoEventPerson[];
  sites: { code: string; country: string; programme: string }[];
  events: number;
}

/** The demo programme's events straight into a fresh analytics service (Kafka and chdb of the test stack). */
export async function startDemoWorld(opts: { scale?: number } = {}): Promise<DemoWorld> {
  const programme = generateDemoProgramme({ seed: DEMO_SEED, referenceDate: DEMO_REFERENCE_DATE, ...(opts.scale ? { scale: opts.scale } : {}) });
  const { events, people } = demoEvents(programme);
  const h = await startAnalytics();
  try {
    await h.send(events);
  } catch (e) {
    await h.close();
    throw e;
  }
  const sites = programme.sites.map((d) => ({ code: d.site.code, country: d.site.country, programme: d.site.programme })).sort((a, b) => a.code.localeCompare(b.code));
  return { h, programme, people, sites, events: events.length };
}
