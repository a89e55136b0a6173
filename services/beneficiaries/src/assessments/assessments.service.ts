import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Barrier, RecommendedActivity } from '@meic/contracts';
import { asDate, createdKeyOf, decodeCreatedCursor, isoDate, outboxRow, problems, requireNotBefore, toPage, type Page, type Principal } from '@meic/service-kit';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service';
import { assessedEvent } from '../events/beneficiary-events';
import type { Assessment } from '../generated/prisma/client';
import { AssessmentsRepository } from './assessments.repository';
import type { AssessmentListQuery, AssessmentView, CreateAssessmentBody } from './assessments.schemas';

export function toAssessmentView(a: Assessment, siteCode: string): AssessmentView {
  return {
    id: a.id,
    beneficiaryId: a.beneficiaryId,
    siteCode,
    assessedOn: isoDate(a.assessedOn),
    skills: a.skills,
    barriers: a.barriers as Barrier[],
    recommendedActivities: a.recommendedActivities as RecommendedActivity[],
    createdAt: a.createdAt.toISOString(),
  };
}

@Injectable()
export class AssessmentsService {
  constructor(
    private readonly beneficiaries: BeneficiariesService,
    private readonly assessments: AssessmentsRepository,
  ) {}

  async record(principal: Principal, beneficiaryId: string, body: CreateAssessmentBody): Promise<AssessmentView> {
    const person = await this.beneficiaries.findForPersonalData(principal, beneficiaryId);
    requireNotBefore(body.assessedOn, isoDate(person.enrolledOn), '/assessedOn', 'the enrolment date');
    const row = {
      id: randomUUID(),
      beneficiaryId,
      assessedOn: asDate(body.assessedOn),
      skills: body.skills,
      barriers: body.barriers,
      recommendedActivities: body.recommendedActivities,
    };
    const created = await this.assessments.insertWithEvent(row, outboxRow(assessedEvent(person, row)));
    if (!created) throw problems.notFound(`Beneficiary ${beneficiaryId} does not exist.`);
    return toAssessmentView(created, person.siteCode);
  }

  async list(principal: Principal, beneficiaryId: string, query: AssessmentListQuery): Promise<Page<AssessmentView>> {
    const person = await this.beneficiaries.findForPersonalData(principal, beneficiaryId);
    const limit = query.limit ?? 50;
    const rows = await this.assessments.list(beneficiaryId, decodeCreatedCursor(query.cursor), limit);
    return toPage(rows, limit, createdKeyOf, (a) => toAssessmentView(a, person.siteCode));
  }
}
