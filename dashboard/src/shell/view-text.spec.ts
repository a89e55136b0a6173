import { EMPTY_FILTERS } from '@/filters/filters';
import { createFormatter } from '@/i18n/format';
import { translate, type MessageKey, type MessageParams } from '@/i18n/messages';
import { groupedSubtitle, groupTitle, periodText, selectionParts } from './view-text';

const t = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const fmt = createFormatter('en');

describe('view texts', () => {
  it('names a country group in the UI language and any other group as the API labels it', () => {
    expect(groupTitle({ key: 'IT', label: 'IT' }, 'country', fmt)).toBe(fmt.country('IT'));
    expect(groupTitle({ key: 'IT-RM', label: 'AMIL Roma (IT-RM)' }, 'site', fmt)).toBe('AMIL Roma (IT-RM)');
  });

  it("reads open ends (null or the service's far-off dates) as the whole period", () => {
    const all = t('overview.periodAll');
    expect(periodText({ from: null, to: null }, t, fmt)).toBe(all);
    expect(periodText({ from: '1900-01-01', to: '2299-12-31' }, t, fmt)).toBe(all);
    expect(periodText({ from: '2025-01-01', to: '2299-12-31' }, t, fmt)).toBe(t('overview.period', { from: fmt.date('2025-01-01'), to: '…' }));
    expect(periodText({ from: null, to: '2025-06-30' }, t, fmt)).toBe(t('overview.period', { from: '…', to: fmt.date('2025-06-30') }));
  });

  it('writes the subtitle of a grouped chart and the selection of an export', () => {
    expect(groupedSubtitle({ filters: { from: null, to: null }, groupBy: 'site' }, t, fmt)).toBe(`${t('overview.periodAll')} · Group by: Site`);
    expect(selectionParts({ ...EMPTY_FILTERS, country: 'IT', from: '2025-01-01' }, 'site')).toEqual([null, 'IT', null, '2025-01-01', null, 'by-site']);
  });
});
