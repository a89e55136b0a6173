import { validateEventData } from '@meic/contracts';
import { demoEvents, demoId } from './demo-events';
import { generateDemoProgramme } from './demo-generator';
import { summariseDemo } from './demo-summary';

describe('demoEvents', () => {
  const programme = generateDemoProgramme({ seed: 2026, referenceDate: '2026-11-24', scale: 0.2 });
  const { events, people } = demoEvents(programme);

  it('gives one enrolment event per generated person, with the coarse attributes only', () => {
    const enrolled = events.filter((e) => e.type === 'meic.beneficiary.enrolled.v2');
    expect(enrolled).toHaveLength(programme.people.length);
    expect(people).toHaveLength(programme.people.length);
    const summary = summariseDemo(programme);
    for (const [site, s] of Object.entries(summary)) expect(people.filter((p) => p.siteCode === site)).toHaveLength(s.people);
    const text = JSON.stringify(events.map((e) => e.data));
    expect(text).not.toMatch(/givenName|familyName|birthDate|@example\.org/);
  });

  it('builds only events the contract accepts, each id once, the same ids every time', () => {
    for (const e of events) expect(validateEventData(e.type, e.data).ok).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(demoEvents(programme).events.map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(demoId('a', 'b')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('records the first placement and the drop-out of each person as the truth', () => {
    const placed = new Map<string, string>();
    for (const e of events) {
      if (e.type !== 'meic.beneficiary.placed.v2') continue;
      const d = e.data as { pseudonym: string; occurredOn: string };
      const prev = placed.get(d.pseudonym);
      if (!prev || d.occurredOn < prev) placed.set(d.pseudonym, d.occurredOn);
    }
    expect(people.filter((p) => p.placedOn !== null)).toHaveLength(placed.size);
    for (const p of people) expect(p.placedOn).toBe(placed.get(p.pseudonym) ?? null);
  });
});
