import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ageBandOf, type CefrLevel, type DropoutReason, type PathwayStage } from '@meic/contracts';
import { asDate, createdKeyOf, decodeCreatedCursor, isoDate, outboxRow, Problem, problems, toPage, type BeneficiaryReference, type Page, type Principal } from '@meic/service-kit';
import { consentRecordedEvent, enrolledEvent } from '../events/beneficiary-events';
import { SitesService } from '../sites/sites.service';
import { assertPersonalDataAccess, personalDataSites } from './beneficiaries.access';
import { BeneficiariesRepository, type BeneficiaryWithPerson } from './beneficiaries.repository';
import type { BeneficiaryListQuery, BeneficiaryView, CreateBeneficiaryBody } from './beneficiaries.schemas';

export function toBeneficiaryView(b: BeneficiaryWithPerson): BeneficiaryView {
  const p = b.personalData;
  // Only an erased record lacks personal data, and erased records are not shown.
  if (!p || b.erasedAt || b.arrivalYear === null || b.educationIsced === null) throw problems.notFound(`Beneficiary ${b.id} does not exist.`);
  return {
    id: b.id,
    siteCode: b.siteCode,
    ...(b.ref !== null ? { ref: b.ref } : {}),
    country: b.country,
    programme: b.programme,
    enrolledOn: isoDate(b.enrolledOn),
    person: {
      givenName: p.givenName,
      familyName: p.familyName,
      birthDate: isoDate(p.birthDate),
      ...(p.phone ? { phone: p.phone } : {}),
      ...(p.email ? { email: p.email } : {}),
    },
    sex: b.sex as BeneficiaryView['sex'],
    ageBand: b.ageBand as BeneficiaryView['ageBand'],
    citizenship: b.citizenship,
    legalStatus: b.legalStatus as BeneficiaryView['legalStatus'],
    arrivalYear: b.arrivalYear,
    educationIsced: b.educationIsced,
    languages: (b.languages ?? []) as { code: string; cefr: CefrLevel }[],
    consent: { dataProcessing: true, evaluationFollowUp: b.consentEvaluationFollowUp, recordedOn: isoDate(b.consentRecordedOn) },
    stage: b.stage as PathwayStage,
    ...(b.droppedOutOn && b.dropoutReason ? { dropout: { reason: b.dropoutReason as DropoutReason, on: isoDate(b.droppedOutOn) } } : {}),
    createdAt: b.createdAt.toISOString(),
  };
}

@Injectable()
export class BeneficiariesService {
  constructor(
    private readonly beneficiaries: BeneficiariesRepository,
    private readonly sites: SitesService,
  ) {}

  async enrol(principal: Principal, body: CreateBeneficiaryBody): Promise<BeneficiaryView> {
    assertPersonalDataAccess(principal, body.siteCode);
    const site = await this.sites.find(body.siteCode);
    if (!site) {
      throw problems.unprocessable(`Site ${body.siteCode} is not known to the beneficiaries service (yet).`, [{ path: '/siteCode', message: 'unknown site' }]);
    }
    if (body.person.birthDate > body.enrolledOn) {
      throw problems.validation([{ path: '/person/birthDate', message: 'must be before enrolledOn' }]);
    }
    const birthYear = Number(body.person.birthDate.slice(0, 4));
    const record = {
      id: randomUUID(),
      pseudonym: randomUUID(),
      siteCode: site.code,
      ref: body.ref ?? null,
      country: site.country,
      programme: site.programme,
      enrolledOn: asDate(body.enrolledOn),
      sex: body.sex,
      birthYear,
      ageBand: ageBandOf(birthYear, body.enrolledOn),
      citizenship: body.citizenship,
      legalStatus: body.legalStatus,
      arrivalYear: body.arrivalYear,
      educationIsced: body.educationIsced,
      languages: body.languages,
      consentDataProcessing: true,
      consentEvaluationFollowUp: body.consent.evaluationFollowUp,
      consentRecordedOn: asDate(body.consent.recordedOn),
    };
    const created = await this.beneficiaries.insertWithEvents(
      record,
      {
        givenName: body.person.givenName,
        familyName: body.person.familyName,
        birthDate: asDate(body.person.birthDate),
        phone: body.person.phone ?? null,
        email: body.person.email ?? null,
      },
      [outboxRow(enrolledEvent(record)), outboxRow(consentRecordedEvent(record))],
    );
    if (created === 'duplicate-ref') {
      throw Problem.of(409, 'conflict', 'Conflict', `Site ${site.code} has a beneficiary with this ref already.`, [{ path: '/ref', message: 'already used by another beneficiary of the site' }]);
    }
    return toBeneficiaryView(created);
  }

  async get(principal: Principal, id: string): Promise<BeneficiaryView> {
    return toBeneficiaryView(await this.findForPersonalData(principal, id));
  }

  async list(principal: Principal, query: BeneficiaryListQuery): Promise<Page<BeneficiaryView>> {
    const siteCodes = personalDataSites(principal, query.siteCode);
    const limit = query.limit ?? 50;
    const rows = await this.beneficiaries.list({ siteCodes, stage: query.stage, ref: query.ref, after: decodeCreatedCursor(query.cursor), limit });
    return toPage(rows, limit, createdKeyOf, toBeneficiaryView);
  }

  /**
   * The record behind every write and read about a person (assessments, placements, …):
   * 404 when unknown or erased, 403 unless the caller may handle the person's data.
   */
  async findForPersonalData(principal: Principal, id: string): Promise<BeneficiaryWithPerson> {
    const found = await this.beneficiaries.find(id);
    if (!found || found.erasedAt) throw problems.notFound(`Beneficiary ${id} does not exist.`);
    assertPersonalDataAccess(principal, found.siteCode);
    return found;
  }

  /** A person as another service may refer to them: 404 when unknown or erased. */
  async reference(id: string): Promise<BeneficiaryReference> {
    const found = await this.beneficiaries.find(id);
    if (!found || found.erasedAt || !found.pseudonym) throw problems.notFound(`Beneficiary ${id} does not exist.`);
    return {
      id: found.id,
      pseudonym: found.pseudonym,
      siteCode: found.siteCode,
      country: found.country,
      enrolledOn: isoDate(found.enrolledOn),
      sex: found.sex as BeneficiaryReference['sex'],
      ageBand: found.ageBand as BeneficiaryReference['ageBand'],
      citizenship: found.citizenship,
      legalStatus: found.legalStatus as BeneficiaryReference['legalStatus'],
    };
  }

  /** Whether this service holds the person (their events are its own, not another instance's). */
  holds(id: string, opts: { includeErased: boolean }): Promise<boolean> {
    return this.beneficiaries.exists(id, opts);
  }

  /**
   * The person an event's pseudonym stands for, if this service holds them and has not forgotten
   * the pseudonym (erasure forgets it): their id, whether they are erased, and where their pathway
   * starts from.
   */
  async byPseudonym(pseudonym: string): Promise<{ id: string; erased: boolean; siteCode: string; enrolledOn: string } | undefined> {
    const found = await this.beneficiaries.findByPseudonym(pseudonym);
    return found ? { id: found.id, erased: found.erasedAt !== null, siteCode: found.siteCode, enrolledOn: isoDate(found.enrolledOn) } : undefined;
  }

}
