/**
 * The organisation types of a cluster member (the stakeholders service's list) that the dashboard
 * has words for; a type outside this list is shown as the API names it.
 */
export const ORGANISATION_TYPES = [
  'employer_association',
  'vet_provider',
  'public_employment_service',
  'local_authority',
  'enterprise',
  'chamber_of_commerce',
  'trade_union',
  'civil_society_org',
  'migrant_association',
  'university',
] as const;
