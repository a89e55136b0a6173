import { pathwayTemplateChange, type PathwayTemplateBody } from './pathway-template';

const V1: PathwayTemplateBody = {
  version: 1,
  stages: ['intake', 'orientation', 'training', 'job_search', 'employed', 'follow_up', 'closed'],
  deadlines: { assessmentWithinDays: 14, firstActivityWithinDays: 21, stalledAfterDays: 75, internshipEndGraceDays: 14, followUpMonths: [3, 6, 12] },
};

describe('pathwayTemplateChange', () => {
  it('stores any template for a site on the default', () => {
    expect(pathwayTemplateChange(null, V1)).toBe('newer');
  });

  it('sees the same template as the same, key order and an empty onMissed aside', () => {
    const reordered: PathwayTemplateBody = { deadlines: { ...V1.deadlines }, stages: [...V1.stages], version: 1, onMissed: {} };
    expect(pathwayTemplateChange(V1, reordered)).toBe('same');
  });

  it('refuses changed content under a version not above the current one, and takes it under a higher one', () => {
    const changed = { ...V1, deadlines: { ...V1.deadlines, stalledAfterDays: 60 } };
    expect(pathwayTemplateChange(V1, changed)).toBe('stale-version');
    expect(pathwayTemplateChange({ ...V1, version: 3 }, { ...changed, version: 2 })).toBe('stale-version');
    expect(pathwayTemplateChange(V1, { ...changed, version: 2 })).toBe('newer');
  });
});
