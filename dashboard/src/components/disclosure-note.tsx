import type { DisclosureNote as Note } from '@/api/types';
import { useI18n } from '@/i18n/i18n';

/**
 * What every view says of its figures, from the response's own note: perturbed for roles other
 * than site_staff (by how much, from which date, released how), or exact for a site's own staff.
 */
export function DisclosureNote({ note }: { note: Note | null }) {
  const { t, fmt } = useI18n();
  if (!note) return null;
  const asOf = fmt.date(note.asOf);
  const text =
    note.method === 'exact'
      ? t('disclosure.exact', { asOf })
      : t('disclosure.perturbed', { maxPerturbation: note.maxPerturbation ?? 0, smallest: note.minCell - 1, asOf, releaseBlock: note.releaseBlock ?? 0 });
  return (
    <p className="disclosure-note" role="note">
      {text}
    </p>
  );
}
