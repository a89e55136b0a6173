import { Type, type Static } from '@sinclair/typebox';
import { AgeBand, CefrLevel, Closed, CountryCode, DropoutReason, IsoDate, LanguageCode, LegalStatus, PathwayStage, ProgrammeCode, Sex, SiteCode, Uuid } from '@meic/contracts';
import { pageOf, pageQuery } from '@meic/service-kit';

const Person = Closed({
  givenName: Type.String({ minLength: 1, maxLength: 200 }),
  familyName: Type.String({ minLength: 1, maxLength: 200 }),
  birthDate: IsoDate,
  phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ()-]{5,30}$' })),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
});

const thisYear = new Date().getUTCFullYear();

export const CreateBeneficiaryBody = Closed({
  siteCode: SiteCode,
  ref: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      description: "The site's own reference for the person (unique within the site; stays in this service, nulled on erasure)",
    }),
  ),
  enrolledOn: IsoDate,
  person: Person,
  sex: Sex,
  citizenship: CountryCode,
  legalStatus: LegalStatus,
  arrivalYear: Type.Integer({ minimum: 1950, maximum: thisYear + 1 }),
  educationIsced: Type.Integer({ minimum: 0, maximum: 8, description: 'ISCED 2011 level' }),
  languages: Type.Array(Closed({ code: LanguageCode, cefr: CefrLevel }), { maxItems: 20 }),
  consent: Type.Object(
    {
      // Processing without consent is not recorded at all: the field must be literally true.
      dataProcessing: Type.Literal(true),
      evaluationFollowUp: Type.Boolean(),
      recordedOn: IsoDate,
    },
    { additionalProperties: false },
  ),
});
export type CreateBeneficiaryBody = Static<typeof CreateBeneficiaryBody>;

export const BeneficiaryView = Type.Object({
  id: Uuid,
  ...CreateBeneficiaryBody.properties,
  country: CountryCode,
  programme: ProgrammeCode,
  ageBand: AgeBand,
  stage: PathwayStage,
  dropout: Type.Optional(Type.Object({ reason: DropoutReason, on: IsoDate })),
  createdAt: Type.String({ format: 'date-time' }),
});
export type BeneficiaryView = Static<typeof BeneficiaryView>;

export const BeneficiaryList = pageOf(BeneficiaryView);

export const BeneficiaryListQuery = Closed({
  siteCode: Type.Optional(SiteCode),
  stage: Type.Optional(PathwayStage),
  ref: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: "The site's own reference (with siteCode: at most one person)" })),
  ...pageQuery,
});
export type BeneficiaryListQuery = Static<typeof BeneficiaryListQuery>;
