import { Type, type Static } from '@sinclair/typebox';
import { Closed, IsoDate, SiteCode, Uuid } from '@meic/contracts';
import { pageOf, pageQuery } from '@meic/service-kit';
import { MentoringArea, MentoringAreas } from '../mentors/mentors.schemas';

export const CreateMatchBody = Closed({
  mentorId: Uuid,
  beneficiaryId: Uuid,
  areas: MentoringAreas,
  startedOn: IsoDate,
});
export type CreateMatchBody = Static<typeof CreateMatchBody>;

export const EndMatchBody = Closed({ endedOn: IsoDate });
export type EndMatchBody = Static<typeof EndMatchBody>;

export const MatchView = Type.Object({
  id: Uuid,
  mentorId: Uuid,
  beneficiaryId: Uuid,
  siteCode: SiteCode,
  areas: Type.Array(MentoringArea),
  startedOn: IsoDate,
  endedOn: Type.Union([IsoDate, Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type MatchView = Static<typeof MatchView>;

export const MatchList = pageOf(MatchView);

export const MatchListQuery = Closed({ siteCode: Type.Optional(SiteCode), mentorId: Type.Optional(Uuid), ...pageQuery });
export type MatchListQuery = Static<typeof MatchListQuery>;
