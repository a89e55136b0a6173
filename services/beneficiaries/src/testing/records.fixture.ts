// Records as the database holds them, personal data included (for unit tests).
import type { Assessment, Beneficiary, FollowUp, PersonalData, Placement } from '../generated/prisma/client';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

export const PERSONAL_FIELD_NAMES = ['givenName', 'familyName', 'birthDate', 'birthYear', 'phone', 'email', 'person', 'personalData', 'skills', 'employerName', 'arrivalYear', 'educationIsced', 'languages', 'ref'];

const personalData: PersonalData = {
  beneficiaryId: '0b7c6a52-6a43-4a5e-9a53-1d7c1f0c2b11',
  givenName: 'Amina',
  familyName: 'Diallo',
  birthDate: d('1998-05-17'),
  phone: '+39 333 1234567',
  email: 'amina.diallo@example.org',
};

export const beneficiary: Beneficiary & { personalData: PersonalData } = {
  id: '0b7c6a52-6a43-4a5e-9a53-1d7c1f0c2b11',
  pseudonym: 'c4d2e8f1-3b6a-4f0e-8a2d-5e9b7c1a4f36',
  siteCode: 'IT-RM',
  ref: 'RM-2026-0042',
  country: 'IT',
  programme: 'AMIL',
  enrolledOn: d('2026-03-02'),
  sex: 'female',
  birthYear: 1998,
  ageBand: '25-29',
  citizenship: 'ML',
  legalStatus: 'refugee',
  arrivalYear: 2023,
  educationIsced: 3,
  languages: [{ code: 'bm', cefr: 'C2' }],
  consentDataProcessing: true,
  consentEvaluationFollowUp: true,
  consentRecordedOn: d('2026-03-02'),
  stage: 'intake',
  droppedOutOn: null,
  dropoutReason: null,
  createdAt: new Date('2026-03-02T09:00:00Z'),
  updatedAt: new Date('2026-03-02T09:00:00Z'),
  erasedAt: null,
  personalData,
};

export const assessment: Assessment = {
  id: '7f1c0d0e-2d7b-4f3e-8a0a-4b1e9d2c3a01',
  beneficiaryId: beneficiary.id,
  assessedOn: d('2026-03-10'),
  skills: ['tailoring in Bamako family workshop', 'speaks Bambara fluently'],
  barriers: ['housing', 'childcare'],
  recommendedActivities: ['l2_language', 'vocational_training'],
  createdAt: new Date('2026-03-10T10:00:00Z'),
};

export const placementOutsideCluster: Placement = {
  id: '5c2f7a9e-1b3d-4c5e-9f70-8a6b5c4d3e21',
  beneficiaryId: beneficiary.id,
  employerOrgId: null,
  employerOrgType: null,
  employerName: 'Sartoria Zanzibar di Mario Rossi',
  contractType: 'fixed_term',
  hoursPerWeek: 30,
  naceSector: 'C',
  startedOn: d('2026-05-04'),
  createdAt: new Date('2026-05-04T10:00:00Z'),
};

export const placementInCluster: Placement = {
  ...placementOutsideCluster,
  id: '9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f61',
  employerOrgId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  employerOrgType: 'enterprise',
  employerName: null,
};

export const followUp: FollowUp = {
  id: '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7',
  placementId: placementOutsideCluster.id,
  monthsAfterPlacement: 3,
  employed: true,
  recordedOn: d('2026-08-04'),
  createdAt: new Date('2026-08-04T10:00:00Z'),
};

// Distinctive enough not to occur by chance in a random event id or timestamp.
export const PERSONAL_VALUES = ['Amina', 'Diallo', '1998-05-17', '1234567', 'amina.diallo', 'example.org', 'tailoring', 'Bambara', 'Sartoria', 'Rossi', '"bm"', 'RM-2026-0042'];
