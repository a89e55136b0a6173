/**
 * The site hierarchy every KPI response is grouped by: a site, the sites of one country in one
 * programme, a country, a programme, everything. A figure for a unit counts the people of its sites.
 */
export interface SiteRef {
  code: string;
  country: string;
  programme: string;
}

export type Level = 'site' | 'countryProgramme' | 'country' | 'programme' | 'total';

export function inUnit(s: SiteRef, level: Level, key: string): boolean {
  switch (level) {
    case 'site':
      return s.code === key;
    case 'countryProgramme':
      return `${s.country}|${s.programme}` === key;
    case 'country':
      return s.country === key;
    case 'programme':
      return s.programme === key;
    case 'total':
      return true;
    default: {
      const never: never = level;
      throw new Error(`unknown level ${String(never)}`);
    }
  }
}

/**
 * The unit a response's group stands for, given the filters: grouping by country inside one
 * programme is the country × programme unit, and so on.
 */
export function groupUnit(groupBy: 'site' | 'country' | 'programme', key: string, filters: { country?: string; programme?: string; site?: string }): { level: Level; key: string } {
  if (groupBy === 'site') return { level: 'site', key };
  if (filters.site) return { level: 'site', key: filters.site };
  if (groupBy === 'country') return filters.programme ? { level: 'countryProgramme', key: `${key}|${filters.programme}` } : { level: 'country', key };
  return filters.country ? { level: 'countryProgramme', key: `${filters.country}|${key}` } : { level: 'programme', key };
}

/** The unit of a response's totals row, given the filters. */
export function totalsUnit(filters: { country?: string; programme?: string; site?: string }): { level: Level; key: string } {
  if (filters.site) return { level: 'site', key: filters.site };
  if (filters.country && filters.programme) return { level: 'countryProgramme', key: `${filters.country}|${filters.programme}` };
  if (filters.country) return { level: 'country', key: filters.country };
  if (filters.programme) return { level: 'programme', key: filters.programme };
  return { level: 'total', key: 'total' };
}
