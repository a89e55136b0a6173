import { buildEvent, fromKafkaRecord, InvalidEventError } from '../cloudevents';
import { EVENT_CATALOG, EVENT_TYPES } from '../event-catalog';
import { eventBarriersOf, eventDropoutReasonOf } from '../primitives';

/** GDPR art. 9 categories and the words a code for them would use. */
const SPECIAL_CATEGORY_CODES = ['health', 'disability', 'illness', 'medical', 'pregnancy', 'religion', 'ethnicity', 'ethnic_origin', 'sexual_orientation', 'trade_union_membership', 'political_opinion', 'biometric', 'genetic'];

/** Every literal a schema admits (enum members are `const` branches of unions). */
function literals(schema: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((s) => literals(s, out));
  else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'const' && typeof v === 'string') out.add(v);
      else if (k === 'enum' && Array.isArray(v)) v.forEach((x) => typeof x === 'string' && out.add(x));
      else literals(v, out);
    }
  }
  return out;
}

const person = {
  pseudonym: '0b6f3f0e-3f57-4c1e-9a57-0d6a3f1c2b11',
  siteCode: 'IT-RM',
  country: 'IT',
  sex: 'female' as const,
  ageBand: '25-29' as const,
  citizenship: 'NG',
  legalStatus: 'refugee' as const,
};

const record = (type: string, data: unknown) => ({
  value: JSON.stringify(data),
  headers: { ce_specversion: '1.0', ce_id: 'f3a1e0c2-5b7d-4c1a-9e2f-8d6b4a2c1e00', ce_source: '/meic/beneficiaries', ce_type: type, ce_time: '2026-03-10T09:00:00.000Z', ce_subject: person.pseudonym },
});

describe('special categories of personal data (GDPR art. 9) never travel in events', () => {
  it('no event schema admits a special-category code', () => {
    const found = EVENT_TYPES.flatMap((type) => [...literals(EVENT_CATALOG[type].schema)].filter((l) => SPECIAL_CATEGORY_CODES.includes(l)).map((l) => `${type}: ${l}`));
    expect(found).toEqual([]);
  });

  it('no event schema carries a beneficiary id: a person travels as a pseudonym, and only person events carry one', () => {
    const fields = (schema: { properties?: Record<string, unknown> }) => Object.keys(schema.properties ?? {});
    expect(EVENT_TYPES.filter((t) => fields(EVENT_CATALOG[t].schema).some((f) => /beneficiary/i.test(f)))).toEqual([]);
    expect(EVENT_TYPES.filter((t) => fields(EVENT_CATALOG[t].schema).includes('pseudonym')).sort()).toEqual(
      EVENT_TYPES.filter((t) => /^meic\.(beneficiary|pathway|course\.(enrolled|completed)|internship|mentoring)\./.test(t)).sort(),
    );
  });

  it('refuses to build an assessment or a drop-out that says health, naming the field', () => {
    const assessed = () =>
      buildEvent('meic.beneficiary.assessed.v2', { ...person, occurredOn: '2026-03-10', assessmentId: person.pseudonym, barriers: ['health' as never], recommendedActivities: [] });
    expect(assessed).toThrow(InvalidEventError);
    expect(assessed).toThrow(/\/barriers\/0/);
    expect(() => buildEvent('meic.beneficiary.dropped-out.v2', { ...person, occurredOn: '2026-05-01', reason: 'health' as never })).toThrow(/\/reason/);
  });

  it('merges health with other, so the travelling code cannot tell them apart', () => {
    expect(eventBarriersOf(['housing', 'health', 'language', 'other'])).toEqual(['housing', 'personal_or_other', 'language']);
    expect(eventBarriersOf(['other'])).toEqual(eventBarriersOf(['health']));
    expect(eventDropoutReasonOf('health')).toBe(eventDropoutReasonOf('other'));
    expect(eventDropoutReasonOf('family_care')).toBe('family_care');
  });

  it('drops a retired v1 assessment or drop-out from an old log, saying why, rather than dead-lettering what it says', () => {
    for (const [type, data] of [
      ['meic.beneficiary.assessed.v1', { ...person, beneficiaryId: person.pseudonym, occurredOn: '2026-03-10', assessmentId: person.pseudonym, barriers: ['health'], recommendedActivities: [] }],
      ['meic.beneficiary.dropped-out.v1', { ...person, beneficiaryId: person.pseudonym, occurredOn: '2026-05-01', reason: 'health' }],
    ] as const) {
      const r = fromKafkaRecord(record(type, data));
      expect(r).toMatchObject({ ok: false, retired: true, type });
      expect((r as { reason: string }).reason).toMatch(/health \(ADR 0013\)/);
    }
  });
});
