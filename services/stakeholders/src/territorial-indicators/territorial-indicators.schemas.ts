import { Type, type Static } from '@sinclair/typebox';
import { Closed, SiteCode, Uuid } from '@meic/contracts';
import { pageOf, pageQuery } from '@meic/service-kit';

// The same bounds as meic.territorial-indicator.recorded.v1, so a valid request always makes a valid event.
const IndicatorKey = Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$', description: 'snake_case indicator key, e.g. unemployment_rate_pct' });
const ReferenceYear = Type.Integer({ minimum: 1990, maximum: 2100, description: 'The year the value describes' });

export const RecordIndicatorBody = Closed({
  key: IndicatorKey,
  value: Type.Number(),
  referenceYear: ReferenceYear,
  source: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }),
});
export type RecordIndicatorBody = Static<typeof RecordIndicatorBody>;

export const IndicatorView = Type.Object({
  id: Uuid,
  siteCode: SiteCode,
  key: IndicatorKey,
  value: Type.Number(),
  referenceYear: ReferenceYear,
  source: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type IndicatorView = Static<typeof IndicatorView>;

export const IndicatorList = pageOf(IndicatorView);

export const IndicatorListQuery = Closed({ key: Type.Optional(IndicatorKey), referenceYear: Type.Optional(ReferenceYear), ...pageQuery });
export type IndicatorListQuery = Static<typeof IndicatorListQuery>;
