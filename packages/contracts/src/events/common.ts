import { Type, type TProperties } from '@sinclair/typebox';
import { AgeBand, CountryCode, IsoDate, LegalStatus, Sex, SiteCode, Uuid } from '../primitives';

/** Fields every event carries (contract: "data always carries siteCode, country, occurredOn"). */
export const siteFacts = {
  siteCode: SiteCode,
  country: CountryCode,
  occurredOn: IsoDate,
};

/**
 * Coarse, pseudonymous attributes of a person, as recorded at enrolment (the age band too,
 * so that one person's events always agree). Never names, birth dates or contacts.
 */
export const personFacts = {
  beneficiaryId: Uuid,
  sex: Sex,
  ageBand: AgeBand,
  citizenship: CountryCode,
  legalStatus: LegalStatus,
};

/** Event payloads are closed: an unknown field is a contract violation, not an extension. */
export function eventData<P extends TProperties>(type: string, description: string, properties: P) {
  return Type.Object(properties, {
    $id: `https://schemas.meic.eu/events/${type}.json`,
    title: type,
    description,
    additionalProperties: false,
  });
}

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
