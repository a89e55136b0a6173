import { buildEvent, fromKafkaRecord, InvalidEventError, toKafkaRecord } from './cloudevents';

const enrolled = {
  pseudonym: '0b6f3f0e-3f57-4c1e-9a57-0d6a3f1c2b11',
  siteCode: 'IT-RM',
  country: 'IT',
  programme: 'AMIL',
  occurredOn: '2026-03-02',
  sex: 'female' as const,
  ageBand: '25-29' as const,
  citizenship: 'NG',
  legalStatus: 'refugee' as const,
};

describe('CloudEvents in Kafka binary mode', () => {
  it('puts attributes in ce_* headers, data alone in the body, and the person\'s pseudonym in the key', () => {
    const event = buildEvent('meic.beneficiary.enrolled.v2', enrolled, { time: new Date('2026-03-02T10:00:00Z') });
    const record = toKafkaRecord(event);

    expect(record.topic).toBe('meic.beneficiaries.v1');
    expect(record.key).toBe(enrolled.pseudonym);
    expect(JSON.parse(record.value)).toEqual(enrolled);
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: 'meic.beneficiary.enrolled.v2',
      ce_source: '/meic/beneficiaries',
      ce_time: '2026-03-02T10:00:00.000Z',
      ce_subject: enrolled.pseudonym,
    });
  });

  it('round-trips through Buffer headers as kafkajs delivers them', () => {
    const event = buildEvent('meic.site.registered.v1', {
      siteCode: 'CY-NIC',
      country: 'CY',
      occurredOn: '2026-01-10',
      name: 'Nicosia',
      city: 'Nicosia',
      programme: 'AMIL',
      clusterName: 'Nicosia MEIC cluster',
      startedOn: '2026-01-15',
      defaultLanguage: 'el',
      targets: { enrolled: 100, placed: 40, womenSharePct: 45 },
    });
    const record = toKafkaRecord(event);
    const headers = Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)]));
    const parsed = fromKafkaRecord({ value: Buffer.from(record.value), headers });
    expect(parsed).toEqual({ ok: true, event });
    expect(record.key).toBe('CY-NIC');
  });

  it('refuses to build an event carrying personal data, naming the field', () => {
    const withName = { ...enrolled, givenName: 'Amina' } as typeof enrolled;
    expect(() => buildEvent('meic.beneficiary.enrolled.v2', withName)).toThrow(InvalidEventError);
    expect(() => buildEvent('meic.beneficiary.enrolled.v2', withName)).toThrow(/\/givenName is not a known field/);
  });

  it('reports why a record cannot be read instead of throwing', () => {
    const headers = { ce_id: 'x', ce_type: 'meic.beneficiary.enrolled.v2', ce_source: 's', ce_time: 't', ce_subject: 'b', ce_specversion: '1.0' };
    expect(fromKafkaRecord({ value: Buffer.from('{not json'), headers })).toMatchObject({ ok: false, id: 'x', reason: expect.stringContaining('not JSON') });
    expect(fromKafkaRecord({ value: Buffer.from('{}'), headers: { ...headers, ce_type: 'meic.unknown.v1' } })).toMatchObject({
      ok: false,
      reason: "unknown event type 'meic.unknown.v1'",
    });
    expect(fromKafkaRecord({ value: Buffer.from(JSON.stringify({ ...enrolled, sex: 'f' })), headers })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('/sex'),
    });
    expect(fromKafkaRecord({ value: Buffer.from('{}'), headers: {} })).toMatchObject({ ok: false, reason: expect.stringContaining('missing') });
  });
});
