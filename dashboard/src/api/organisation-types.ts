import type { ResponseOf, StakeholdersPaths } from '@meic/api-clients';
import type { MessageKey } from '@/i18n/messages';

/** The organisation types of a cluster member, as the stakeholders service's contract lists them. */
export type OrganisationType = ResponseOf<StakeholdersPaths, '/v1/organisations/{id}'>['type'];

// Every type of the contract has a name in the clusters and indicators views: a type the contract
// gains without one fails to compile here. (A type the API names that this build does not know
// is shown as the API names it.)
type Named<Prefix extends string> = `${Prefix}${OrganisationType}` extends MessageKey ? true : { missing: Exclude<`${Prefix}${OrganisationType}`, MessageKey> };
export const ORGANISATION_TYPES_NAMED: [Named<'clusters.type.'>, Named<'indicators.orgType.'>] = [true, true];
