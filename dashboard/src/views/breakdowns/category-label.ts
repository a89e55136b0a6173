// Category codes of the breakdown endpoint (@meic/contracts SEXES, AGE_BANDS, LEGAL_STATUSES,
// COURSE_TYPES; ISO citizenship codes and "other") to words in the UI language.
import type { BreakdownDimension } from '@/api/breakdown';
import type { I18n } from '@/i18n/i18n';
import type { MessageKey } from '@/i18n/messages';

const SEX: Record<string, MessageKey> = {
  female: 'breakdowns.sex.female',
  male: 'breakdowns.sex.male',
  other: 'breakdowns.sex.other',
  undisclosed: 'breakdowns.sex.undisclosed',
};

const LEGAL: Record<string, MessageKey> = {
  refugee: 'breakdowns.legal.refugee',
  asylum_seeker: 'breakdowns.legal.asylum_seeker',
  subsidiary_protection: 'breakdowns.legal.subsidiary_protection',
  humanitarian_protection: 'breakdowns.legal.humanitarian_protection',
  former_unaccompanied_minor: 'breakdowns.legal.former_unaccompanied_minor',
  other_tcn: 'breakdowns.legal.other_tcn',
};

const COURSE: Record<string, MessageKey> = {
  l2_language: 'breakdowns.course.l2_language',
  vocational_training: 'breakdowns.course.vocational_training',
  company_training: 'breakdowns.course.company_training',
  entrepreneurship_lab: 'breakdowns.course.entrepreneurship_lab',
  soft_skills: 'breakdowns.course.soft_skills',
  digital_skills: 'breakdowns.course.digital_skills',
  financial_literacy: 'breakdowns.course.financial_literacy',
  housing_orientation: 'breakdowns.course.housing_orientation',
  none: 'breakdowns.course.none',
};

/** A code the dashboard does not know yet is shown as the service sent it, not hidden. */
export function categoryLabel(by: BreakdownDimension, category: string, { t, fmt }: Pick<I18n, 't' | 'fmt'>): string {
  const from = (map: Record<string, MessageKey>) => {
    const key = map[category];
    return key ? t(key) : category;
  };
  switch (by) {
    case 'sex':
      return from(SEX);
    case 'legalStatus':
      return from(LEGAL);
    case 'courseType':
      return from(COURSE);
    case 'ageBand':
      return t('breakdowns.ageBand', { band: category.replace('-', '–') });
    case 'citizenship':
      return category === 'other' ? t('breakdowns.citizenship.other') : fmt.country(category);
  }
}
