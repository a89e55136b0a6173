import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ageBandOf, buildEvent, type CefrLevel } from '@meic/contracts';
import { canAccessSite, outboxRow, problems, type Principal } from '@meic/service-kit';
import { SitesService } from '../sites/sites.service';
import { BeneficiariesRepository, type BeneficiaryWithPerson } from './beneficiaries.repository';
import type { BeneficiaryView, CreateBeneficiaryBody } from './beneficiaries.schemas';

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const asDate = (s: string) => new Date(`${s}T00:00:00Z`);

/** Only caseworkers of the person's own site, and admins, may see or write personal data. */
export function assertPersonalDataAccess(principal: Principal, siteCode: string): void {
  if (principal.role !== 'admin' && !(principal.role === 'site_staff' && canAccessSite(principal, siteCode))) {
    throw problems.forbidden(`Personal data of site ${siteCode} is for its own caseworkers and admins only.`);
  }
}

export function toBeneficiaryView(b: BeneficiaryWithPerson): BeneficiaryView {
  const p = b.personalData;
  if (!p) throw problems.notFound(`Beneficiary ${b.id} does not exist.`);
  return {
    id: b.id,
    siteCode: b.siteCode,
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
    citizenship: b.citizenship,
    legalStatus: b.legalStatus as BeneficiaryView['legalStatus'],
    arrivalYear: b.arrivalYear,
    educationIsced: b.educationIsced,
    languages: b.languages as { code: string; cefr: CefrLevel }[],
    consent: { dataProcessing: true, evaluationFollowUp: b.consentEvaluationFollowUp, recordedOn: isoDate(b.consentRecordedOn) },
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
    const id = randomUUID();
    const birthYear = Number(body.person.birthDate.slice(0, 4));
    const event = buildEvent('meic.beneficiary.enrolled.v1', {
      beneficiaryId: id,
      siteCode: site.code,
      country: site.country,
      programme: site.programme,
      occurredOn: body.enrolledOn,
      sex: body.sex,
      ageBand: ageBandOf(birthYear, body.enrolledOn),
      citizenship: body.citizenship,
      legalStatus: body.legalStatus,
    });
    const created = await this.beneficiaries.insertWithEvent(
      {
        id,
        siteCode: site.code,
        country: site.country,
        programme: site.programme,
        enrolledOn: asDate(body.enrolledOn),
        sex: body.sex,
        birthYear,
        citizenship: body.citizenship,
        legalStatus: body.legalStatus,
        arrivalYear: body.arrivalYear,
        educationIsced: body.educationIsced,
        languages: body.languages,
        consentDataProcessing: true,
        consentEvaluationFollowUp: body.consent.evaluationFollowUp,
        consentRecordedOn: asDate(body.consent.recordedOn),
      },
      {
        givenName: body.person.givenName,
        familyName: body.person.familyName,
        birthDate: asDate(body.person.birthDate),
        phone: body.person.phone ?? null,
        email: body.person.email ?? null,
      },
      outboxRow(event),
    );
    return toBeneficiaryView(created);
  }

  async get(principal: Principal, id: string): Promise<BeneficiaryView> {
    const found = await this.beneficiaries.find(id);
    if (!found || found.erasedAt) throw problems.notFound(`Beneficiary ${id} does not exist.`);
    assertPersonalDataAccess(principal, found.siteCode);
    return toBeneficiaryView(found);
  }
}
