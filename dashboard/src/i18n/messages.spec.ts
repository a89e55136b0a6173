import { createFormatter } from './format';
import { LANGS, pickLang } from './langs';
import { CATALOGUES, interpolate, isMessageKey, placeholders, translate, type MessageKey } from './messages';

describe('message catalogues', () => {
  const keys = Object.keys(CATALOGUES.en) as MessageKey[];

  it.each(LANGS)('%s has every key, none empty', (lang) => {
    expect(Object.keys(CATALOGUES[lang]).sort()).toEqual([...keys].sort());
    for (const k of keys) expect(CATALOGUES[lang][k].trim()).not.toBe('');
  });

  it.each(LANGS.filter((l) => l !== 'en'))('%s uses the same {placeholders} as English', (lang) => {
    for (const k of keys) {
      expect({ key: k, placeholders: placeholders(CATALOGUES[lang][k]) }).toEqual({ key: k, placeholders: placeholders(CATALOGUES.en[k]) });
    }
  });

  it('is translated, not copied (the views speak the language)', () => {
    expect(translate('it', 'nav.overview')).toBe('Panoramica');
    expect(translate('el', 'nav.overview')).toBe('Επισκόπηση');
    expect(translate('el', 'disclosure.perturbed', { maxPerturbation: 4, smallest: 4, asOf: 'x', releaseBlock: 10 })).toContain('10');
  });
});

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} of {b}', { a: 1, b: 'two' })).toBe('1 of two');
    expect(interpolate('{a} of {b}', { a: 1 })).toBe('1 of {b}');
  });
});

describe('pickLang', () => {
  it('takes the first supported browser language', () => {
    expect(pickLang(['fr-FR', 'el-GR', 'en'])).toBe('el');
    expect(pickLang(['IT'])).toBe('it');
    expect(pickLang(['de'])).toBeNull();
  });
});

describe('createFormatter', () => {
  it('formats numbers with the locale’s grouping', () => {
    expect(createFormatter('en').number(12345)).toBe('12,345');
    expect(createFormatter('it').number(12345)).toBe('12.345');
    expect(createFormatter('el').number(12345)).toBe('12.345');
  });

  it('writes a rate with its interval as "41% (30–52%)"', () => {
    expect(createFormatter('en').percentWithInterval(41.2, 30.4, 52.3)).toBe('41% (30–52%)');
    expect(createFormatter('en').percentWithInterval(41.2, null, 52.3)).toBe('41%');
  });

  it('names countries in the UI language', () => {
    expect(createFormatter('en').country('GR')).toBe('Greece');
    expect(createFormatter('it').country('CY')).toBe('Cipro');
    expect(createFormatter('el').country('IT')).toBe('Ιταλία');
    expect(createFormatter('en').country('unknown')).toBe('unknown');
  });

  it('formats calendar dates without shifting the day', () => {
    expect(createFormatter('en').date('2025-01-01')).toBe('1 Jan 2025');
    expect(createFormatter('it').date('2025-12-31')).toBe('31 dic 2025');
  });
});

describe('isMessageKey', () => {
  it('knows the keys of the catalogue and nothing else (an organisation type the API names but the dashboard has no words for)', () => {
    expect(isMessageKey('clusters.type.university')).toBe(true);
    expect(isMessageKey('clusters.type.space_agency')).toBe(false);
    expect(isMessageKey('constructor')).toBe(false);
  });
});
