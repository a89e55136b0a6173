import { Type, type Static } from '@sinclair/typebox';
import { Closed, CountryCode, ProgrammeCode, SiteCode } from '@meic/contracts';

export const ExportQuery = Closed({
  from: Type.Optional(Type.String({ format: 'date', description: 'First enrolment date included (YYYY-MM-DD)' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Last enrolment date included (YYYY-MM-DD)' })),
  asOf: Type.Optional(Type.String({ format: 'date', description: 'Evaluation date (default today, UTC): later facts are left out, censoring is measured here' })),
  site: Type.Optional(SiteCode),
  country: Type.Optional(CountryCode),
  programme: Type.Optional(ProgrammeCode),
});
export type ExportQuery = Static<typeof ExportQuery>;

export const ExportAuditQuery = Closed({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) });
export type ExportAuditQuery = Static<typeof ExportAuditQuery>;

export const ExportAuditResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      extract_id: Type.String(),
      at: Type.String({ description: 'UTC, YYYY-MM-DD hh:mm:ss.sss' }),
      actor: Type.String({ description: 'The token subject who took it' }),
      role: Type.String(),
      dataset: Type.String(),
      format: Type.String(),
      filters: Type.String({ description: 'JSON: the effective enrolment period (whole quarters), evaluation date and site, country, programme' }),
      rows: Type.Integer(),
      suppressed: Type.Integer(),
      generalisation: Type.String(),
    }),
  ),
});
export type ExportAuditResponse = Static<typeof ExportAuditResponse>;
