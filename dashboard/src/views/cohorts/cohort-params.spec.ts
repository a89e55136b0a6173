import { cohortParamsPatch, defaultCohorts, isCohortRangeValid, parseCohortParams } from './cohort-params';

const site = (code: string, programme: string) => ({ code, label: code, country: code.slice(0, 2), programme });

describe('parseCohortParams', () => {
  it('reads both cohorts and drops what is not valid', () => {
    const p = parseCohortParams(new URLSearchParams('a.programme=lime&a.enrolledFrom=2025-02-30&b.site=IT-RM&b.activity=internshipStarted&b.country=Italy'));
    expect(p.given).toBe(true);
    expect(p.a).toMatchObject({ programme: 'LIME', enrolledFrom: null });
    expect(p.b).toMatchObject({ site: 'IT-RM', activity: 'internshipStarted', country: null });
  });
  it('reports no cohort when the URL names none', () => {
    expect(parseCohortParams(new URLSearchParams('x=1&a.activity=flying')).given).toBe(false);
  });
  it('round-trips through the URL patch', () => {
    const p = parseCohortParams(new URLSearchParams('a.programme=LIME&b.programme=AMIL'));
    const patch = cohortParamsPatch(p.a, p.b);
    expect(patch['a.programme']).toBe('LIME');
    expect(patch['b.site']).toBeNull();
  });
});

describe('defaultCohorts', () => {
  it('compares LIME with AMIL when the role sees both', () => {
    const d = defaultCohorts([site('IT-RM', 'AMIL'), site('IT-BO', 'LIME'), site('DE-BER', 'AMIR')]);
    expect([d.a.programme, d.b.programme]).toEqual(['LIME', 'AMIL']);
  });
  it('compares two sites for site staff of one programme', () => {
    const d = defaultCohorts([site('IT-RM', 'AMIL'), site('CY-NIC', 'AMIL')]);
    expect([d.a.site, d.b.site]).toEqual(['IT-RM', 'CY-NIC']);
    expect(d.a.programme).toBeNull();
  });
});

describe('isCohortRangeValid', () => {
  it('needs from on or before to', () => {
    expect(isCohortRangeValid({ programme: null, country: null, site: null, enrolledFrom: '2025-02-01', enrolledTo: '2025-01-01', activity: null })).toBe(false);
  });
});
