import { columnOfPath, convertRow, redactRowValues } from './record-body';
import { idempotencyKeyOf, problemErrors } from './record-writer';

const person = {
  ref: 'RM-7',
  enrolledOn: '2026-02-02',
  'person.givenName': 'Amara',
  'person.familyName': 'Fixturová',
  'person.birthDate': '1995-04-11',
  'person.phone': '+39 333 0000001',
  sex: 'female',
  citizenship: 'NG',
  legalStatus: 'refugee',
  arrivalYear: '2022',
  educationIsced: '3',
  languages: 'en:C1; it:A2',
  'consent.dataProcessing': 'yes',
  'consent.evaluationFollowUp': '0',
  'consent.recordedOn': '2026-02-02',
};

describe('a spreadsheet row → the REST body', () => {
  it('nests dotted columns, converts numbers, booleans and code:CEFR pairs, and keeps the ref', () => {
    const result = convertRow('beneficiaries', person);
    expect(result).toEqual({
      ok: true,
      converted: {
        body: {
          ref: 'RM-7',
          enrolledOn: '2026-02-02',
          person: { givenName: 'Amara', familyName: 'Fixturová', birthDate: '1995-04-11', phone: '+39 333 0000001' },
          sex: 'female',
          citizenship: 'NG',
          legalStatus: 'refugee',
          arrivalYear: 2022,
          educationIsced: 3,
          languages: [
            { code: 'en', cefr: 'C1' },
            { code: 'it', cefr: 'A2' },
          ],
          consent: { dataProcessing: true, evaluationFollowUp: false, recordedOn: '2026-02-02' },
        },
        refs: {},
      },
    });
  });

  it('splits ;-lists and defaults the empty ones; keeps reference columns apart from the body', () => {
    expect(convertRow('assessments', { beneficiaryRef: 'RM-7', assessedOn: '2026-03-01', barriers: 'housing; language;', skills: 'welding;cooking' })).toEqual({
      ok: true,
      converted: { body: { assessedOn: '2026-03-01', skills: ['welding', 'cooking'], barriers: ['housing', 'language'], recommendedActivities: [] }, refs: { beneficiaryRef: 'RM-7' } },
    });
    expect(convertRow('follow-ups', { beneficiaryRef: 'RM-7', monthsAfterPlacement: '6', employed: 'No', recordedOn: '2026-12-01', placementStartedOn: '2026-06-01' })).toEqual({
      ok: true,
      converted: { body: { monthsAfterPlacement: 6, employed: false, recordedOn: '2026-12-01' }, refs: { beneficiaryRef: 'RM-7', placementStartedOn: '2026-06-01' } },
    });
  });

  it('puts the ending columns of internships and mentoring matches in their own body', () => {
    const row = { beneficiaryRef: 'RM-7', hostOrg: 'Officine Dora', startedOn: '2026-04-01', plannedEndOn: '2026-06-30', endedOn: '2026-06-30', outcome: 'hired' };
    expect(convertRow('internships', row)).toEqual({
      ok: true,
      converted: { body: { startedOn: '2026-04-01', plannedEndOn: '2026-06-30' }, end: { endedOn: '2026-06-30', outcome: 'hired' }, refs: { beneficiaryRef: 'RM-7', hostOrg: 'Officine Dora' } },
    });
    expect(convertRow('internships', { ...row, outcome: '' })).toEqual({ ok: false, errors: [{ column: 'outcome', reason: 'is required' }] });
    expect(convertRow('mentoring-matches', { beneficiaryRef: 'RM-7', mentor: 'Giulia', areas: 'work;housing', startedOn: '2026-03-01', endedOn: '2026-05-01' })).toMatchObject({
      ok: true,
      converted: { body: { areas: ['work', 'housing'], startedOn: '2026-03-01' }, end: { endedOn: '2026-05-01' } },
    });
  });

  it('names the column and the reason of every bad cell, one reason per column, never the value', () => {
    const result = convertRow('beneficiaries', {
      ...person,
      'person.givenName': '',
      'person.birthDate': '1990-02-30',
      legalStatus: 'refugeee',
      arrivalYear: '2022.5',
      languages: 'en-C1',
      'consent.dataProcessing': 'no',
      'consent.evaluationFollowUp': 'maybe',
      citizenship: 'Nigeria',
    });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        { column: 'person.givenName', reason: 'is required' },
        { column: 'person.birthDate', reason: 'must be a date YYYY-MM-DD' },
        { column: 'arrivalYear', reason: 'must be a whole number' },
        { column: 'languages', reason: 'must be code:CEFR pairs separated by ;, e.g. ar:C2;it:A2' },
        { column: 'consent.evaluationFollowUp', reason: 'must be true or false (yes/no, 1/0)' },
        { column: 'consent.dataProcessing', reason: 'must be true (without consent to data processing nothing is recorded)' },
        { column: 'legalStatus', reason: 'must be one of refugee, asylum_seeker, subsidiary_protection, humanitarian_protection, former_unaccompanied_minor, other_tcn' },
        { column: 'citizenship', reason: 'must match pattern ^[A-Z]{2}$' },
      ]),
    );
    expect(new Set(errors.map((e) => e.column)).size).toBe(errors.length);
    const text = JSON.stringify(errors);
    for (const value of ['1990-02-30', 'refugeee', 'Nigeria', 'maybe', 'en-C1']) expect(text).not.toContain(value);
  });

  it('applies the service rule that a person is born before enrolling', () => {
    expect(convertRow('beneficiaries', { ...person, 'person.birthDate': '2026-02-03' })).toEqual({ ok: false, errors: [{ column: 'person.birthDate', reason: 'must be before enrolledOn' }] });
  });

  it('checks CEFR levels inside language pairs and enums inside lists', () => {
    expect(convertRow('beneficiaries', { ...person, languages: 'en:Z9' })).toEqual({ ok: false, errors: [{ column: 'languages', reason: 'must be one of pre-A1, A1, A2, B1, B2, C1, C2' }] });
    expect(convertRow('mentoring-matches', { beneficiaryRef: 'R', mentor: 'M', areas: 'work;cooking', startedOn: '2026-03-01' })).toEqual({
      ok: false,
      errors: [{ column: 'areas', reason: 'must be one of work, housing, financial_literacy' }],
    });
  });

  it('needs exactly one of employerOrg and employerName on a placement', () => {
    const base = { beneficiaryRef: 'R', contractType: 'permanent', hoursPerWeek: '38', naceSector: 'C', startedOn: '2026-06-01' };
    expect(convertRow('placements', base)).toEqual({ ok: false, errors: [{ column: 'employerOrg', reason: 'give employerOrg or employerName' }] });
    expect(convertRow('placements', { ...base, employerOrg: 'A', employerName: 'B' })).toEqual({ ok: false, errors: [{ column: 'employerOrg', reason: 'give employerOrg or employerName, not both' }] });
    expect(convertRow('placements', { ...base, employerName: 'B', hoursPerWeek: '24,5' })).toMatchObject({ ok: true, converted: { body: { employerName: 'B', hoursPerWeek: 24.5 } } });
  });
});

describe('problems from the services → row errors', () => {
  it('maps JSON Pointers back to columns', () => {
    expect(columnOfPath('beneficiaries', '/person/givenName')).toBe('person.givenName');
    expect(columnOfPath('beneficiaries', '/languages/1/cefr')).toBe('languages');
    expect(columnOfPath('enrolments', '/beneficiaryId')).toBe('beneficiaryRef');
    expect(columnOfPath('internships', '/hostOrgId')).toBe('hostOrg');
    expect(columnOfPath('placements', '/employerOrgId')).toBe('employerOrg');
    expect(columnOfPath('follow-ups', '/placementId')).toBe('placementStartedOn');
    expect(columnOfPath('beneficiaries', '/siteCode')).toBe('(row)');
  });

  it('turns a problem into errors by column without echoing personal values, falling back to a column for a detail', () => {
    const row = { ref: 'RM-9', 'person.familyName': 'Fixturová', 'person.birthDate': '2030-01-01' };
    expect(
      problemErrors('beneficiaries', row, { status: 400, body: { status: 400, errors: [{ path: '/person/birthDate', message: 'must be before enrolledOn' }, { path: '/sex', message: 'must be one of "female", "male"' }] } }, 'ref'),
    ).toEqual([
      { column: 'person.birthDate', reason: 'must be before enrolledOn' },
      { column: 'sex', reason: 'must be one of female, male' },
    ]);
    expect(problemErrors('beneficiaries', row, { status: 409, body: { status: 409, detail: 'Fixturová born 2030-01-01 exists' } }, 'ref')).toEqual([{ column: 'ref', reason: '… born … exists' }]);
    expect(redactRowValues('ref RM-9 is taken', row)).toBe('ref RM-9 is taken');
  });

  it('derives Idempotency-Keys from site, type and natural key only', () => {
    const key = idempotencyKeyOf('IT-RM', 'enrolments', ['RM-9', 'course-1']);
    expect(key).toMatch(/^import-enrolments-[0-9a-f]{40}$/);
    expect(idempotencyKeyOf('IT-RM', 'enrolments', ['RM-9', 'course-1'])).toBe(key);
    expect(idempotencyKeyOf('IT-TO', 'enrolments', ['RM-9', 'course-1'])).not.toBe(key);
    expect(idempotencyKeyOf('IT-RM', 'completions', ['RM-9', 'course-1'])).not.toBe(key);
  });
});
