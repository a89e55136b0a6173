import { Type, type TProperties } from '@sinclair/typebox';
import { AgeBand, CountryCode, IsoDate, LegalStatus, Sex, SiteCode } from '../primitives';

/** Fields every event carries (contract: "data always carries siteCode, country, occurredOn"). */
export const siteFacts = {
  siteCode: SiteCode,
  country: CountryCode,
  occurredOn: IsoDate,
};

/**
 * The person on the wire: a random UUID the beneficiaries service draws at enrolment and forgets
 * on erasure. It is not the beneficiary id (which caseworkers, spreadsheets and the REST APIs
 * use) and nothing but the beneficiaries service can turn one into the other, so once a person is
 * erased their events, in every log and store built from them, link to no one (ADR 0014).
 */
export const Pseudonym = Type.String({ format: 'uuid', description: "The person's pseudonym on the wire (not the beneficiary id); unlinkable once they are erased" });

/**
 * Coarse, pseudonymous attributes of a person, as recorded at enrolment (the age band too,
 * so that one person's events always agree). Never names, birth dates, contacts or ids.
 */
export const personFacts = {
  pseudonym: Pseudonym,
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
