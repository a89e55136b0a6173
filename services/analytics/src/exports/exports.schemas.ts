import { Type, type Static } from '@sinclair/typebox';
import { CountryCode, ProgrammeCode, SiteCode } from '@meic/contracts';

export const ExportQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date', description: 'First enrolment date included (YYYY-MM-DD)' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Last enrolment date included (YYYY-MM-DD)' })),
    asOf: Type.Optional(Type.String({ format: 'date', description: 'Evaluation date (default today, UTC): later facts are left out, censoring is measured here' })),
    site: Type.Optional(SiteCode),
    country: Type.Optional(CountryCode),
    programme: Type.Optional(ProgrammeCode),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;
