import { type Static } from '@sinclair/typebox';
import { ProgrammeCode } from '../primitives';
import { eventData, personFacts, siteFacts } from './common';

export const BeneficiaryEnrolledV1 = eventData(
  'meic.beneficiary.enrolled.v1',
  'A person entered a MEIC pathway at a site. occurredOn is the enrolment date.',
  {
    ...siteFacts,
    ...personFacts,
    programme: ProgrammeCode,
  },
);
export type BeneficiaryEnrolledV1 = Static<typeof BeneficiaryEnrolledV1>;
