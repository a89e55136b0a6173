import { useI18n } from '@/i18n/i18n';

export const SUPPRESSION_NOTE_ID = 'suppression-note';

/** A suppressed cell: says so (never 0), and points to the footnote that explains why. */
export function Suppressed({ minCell }: { minCell: number }) {
  const { t } = useI18n();
  return (
    <span className="suppressed" title={t('suppressed.note', { minCell })} aria-describedby={SUPPRESSION_NOTE_ID}>
      {t('suppressed.label')}
      <sup aria-hidden="true">*</sup>
    </span>
  );
}

export function SuppressionNote({ minCell }: { minCell: number }) {
  const { t } = useI18n();
  return (
    <p id={SUPPRESSION_NOTE_ID} className="footnote">
      <span aria-hidden="true">* </span>
      {t('suppressed.note', { minCell })}
    </p>
  );
}
