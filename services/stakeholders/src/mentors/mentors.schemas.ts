import { Type, type Static } from '@sinclair/typebox';
import { Closed, LanguageCode, MENTORING_AREAS, SiteCode, Uuid } from '@meic/contracts';
import { pageOf, pageQuery, stringEnum } from '@meic/service-kit';

export const MentoringArea = stringEnum(MENTORING_AREAS);

export const MentoringAreas = Type.Array(MentoringArea, { minItems: 1, uniqueItems: true });

export const CreateMentorBody = Closed({
  siteCode: SiteCode,
  displayName: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'How the site calls the mentor; stays in this service, never in events' }),
  languages: Type.Array(LanguageCode, { minItems: 1, uniqueItems: true }),
  areas: MentoringAreas,
});
export type CreateMentorBody = Static<typeof CreateMentorBody>;

export const MentorView = Type.Object({
  id: Uuid,
  siteCode: SiteCode,
  displayName: Type.String(),
  languages: Type.Array(LanguageCode),
  areas: Type.Array(MentoringArea),
  createdAt: Type.String({ format: 'date-time' }),
});
export type MentorView = Static<typeof MentorView>;

export const MentorList = pageOf(MentorView);

export const MentorListQuery = Closed({ siteCode: Type.Optional(SiteCode), ...pageQuery });
export type MentorListQuery = Static<typeof MentorListQuery>;
