import { Problem } from '@meic/service-kit';
import { beneficiary } from '../testing/records.fixture';
import { toBeneficiaryView } from './beneficiaries.service';

describe('beneficiary view', () => {
  it('shows personal data, the age band at enrolment, the stage and a drop-out', () => {
    const view = toBeneficiaryView({ ...beneficiary, stage: 'training', droppedOutOn: new Date('2026-09-01T00:00:00Z'), dropoutReason: 'moved_away' });
    expect(view).toMatchObject({
      id: beneficiary.id,
      person: { givenName: 'Amina', familyName: 'Diallo', birthDate: '1998-05-17', phone: '+39 333 1234567', email: 'amina.diallo@example.org' },
      ageBand: '25-29',
      stage: 'training',
      dropout: { reason: 'moved_away', on: '2026-09-01' },
      enrolledOn: '2026-03-02',
    });
  });

  it('never shows an erased record (it has no personal data left): 404', () => {
    const erased = { ...beneficiary, erasedAt: new Date(), personalData: null, birthYear: null, arrivalYear: null, educationIsced: null, languages: null };
    expect(() => toBeneficiaryView(erased)).toThrow(Problem);
    expect(() => toBeneficiaryView({ ...beneficiary, erasedAt: new Date() })).toThrow(expect.objectContaining({ body: expect.objectContaining({ status: 404 }) }));
  });
});
