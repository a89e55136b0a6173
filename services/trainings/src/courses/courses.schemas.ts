import { Type, type Static } from '@sinclair/typebox';
import { CefrLevel, Closed, CountryCode, CourseType, IsoDate, Nullable, OrganisationType, SiteCode, Uuid } from '@meic/contracts';
import { pageOf, pageQuery } from '@meic/service-kit';

export const CreateCourseBody = Closed({
  siteCode: SiteCode,
  type: CourseType,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  providerOrgId: Uuid,
  hours: Type.Number({ exclusiveMinimum: 0, maximum: 10000 }),
  startsOn: IsoDate,
  endsOn: IsoDate,
  cefrTarget: Type.Optional(CefrLevel),
});
export type CreateCourseBody = Static<typeof CreateCourseBody>;

export const CourseView = Type.Object({
  id: Uuid,
  siteCode: SiteCode,
  country: CountryCode,
  type: CourseType,
  title: Type.String(),
  providerOrgId: Uuid,
  providerOrgType: OrganisationType,
  hours: Type.Number(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  cefrTarget: Nullable(CefrLevel),
  createdAt: Type.String({ format: 'date-time' }),
});
export type CourseView = Static<typeof CourseView>;

export const CourseListQuery = Closed({ siteCode: Type.Optional(SiteCode), type: Type.Optional(CourseType), ...pageQuery });
export type CourseListQuery = Static<typeof CourseListQuery>;

export const CoursePage = pageOf(CourseView);
