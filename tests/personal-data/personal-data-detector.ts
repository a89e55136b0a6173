/**
 * What the personal-data scan looks for in a record (a table row, a Kafka message, a ClickHouse
 * row, a workflow history, a log line, an export line), knowing the truth: everyone's personal
 * fields and who was erased. Pure: the stores are read elsewhere.
 */
export interface PersonTruth {
  id: string;
  pseudonym: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  phone?: string;
  email?: string;
}

export type HitKind = 'erased id' | 'erased pseudonym' | 'name' | 'birth date' | 'phone' | 'email';

export interface Hit {
  kind: HitKind;
  value: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const DATE = /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g;
/** Any phone number written as people write them (+CC, then groups of digits): no store but the person table has one. */
const PHONE = /\+\d{1,3}[ -]?\d{2,4}[ -]\d{5,8}\b/g;
/** Any e-mail address. */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const WORD = /\p{L}+(?:['’-]\p{L}+)*/gu;

export class PersonalDataDetector {
  private readonly erasedIds: Set<string>;
  private readonly erasedPseudonyms: Set<string>;
  private readonly birthDates: Set<string>;
  /** Family name → the given names of the people who bear it. */
  private readonly names = new Map<string, Set<string>>();

  constructor(people: readonly PersonTruth[], erased: readonly PersonTruth[]) {
    this.erasedIds = new Set(erased.map((p) => p.id.toLowerCase()));
    this.erasedPseudonyms = new Set(erased.map((p) => p.pseudonym.toLowerCase()));
    this.birthDates = new Set(people.map((p) => p.birthDate));
    for (const p of people) {
      const given = this.names.get(p.familyName) ?? new Set<string>();
      given.add(p.givenName);
      this.names.set(p.familyName, given);
    }
  }

  /**
   * Every personal value of anyone in `text`: a person's given and family name together (a name
   * on its own is shared by many and names no one), a birth date, any phone number or e-mail
   * address, an erased person's id, and their pseudonym unless `pseudonymsUnlinked` (a log of
   * events whose pseudonyms the beneficiaries service has forgotten).
   */
  inspect(text: string, opts: { pseudonymsUnlinked?: boolean } = {}): Hit[] {
    const hits: Hit[] = [];
    for (const uuid of text.match(UUID) ?? []) {
      const u = uuid.toLowerCase();
      if (this.erasedIds.has(u)) hits.push({ kind: 'erased id', value: u });
      else if (!opts.pseudonymsUnlinked && this.erasedPseudonyms.has(u)) hits.push({ kind: 'erased pseudonym', value: u });
    }
    for (const d of text.match(DATE) ?? []) if (this.birthDates.has(d)) hits.push({ kind: 'birth date', value: d });
    for (const p of text.match(PHONE) ?? []) hits.push({ kind: 'phone', value: p });
    for (const e of text.match(EMAIL) ?? []) hits.push({ kind: 'email', value: e });
    const words = new Set(text.match(WORD) ?? []);
    for (const w of words) {
      const given = this.names.get(w);
      if (!given) continue;
      for (const g of given) if (words.has(g)) hits.push({ kind: 'name', value: `${g} ${w}` });
    }
    return hits;
  }
}
