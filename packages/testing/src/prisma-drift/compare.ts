import type { DbColumn, DbForeignKey, DbIndex, DbSchema } from './introspect';
import type { ExpectedDefault, ExpectedSchema } from './expected-schema';

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

/**
 * Kinds of database objects that may exist without Prisma modelling them. Table-level objects
 * are named `table.object`; schema-level ones by name (functions as `name(arguments)`).
 */
export type DriftAllowanceKind =
  | 'table'
  | 'column'
  | 'index'
  | 'check'
  | 'exclusion'
  | 'constraintTrigger'
  | 'foreignKey'
  | 'trigger'
  | 'view'
  | 'sequence'
  | 'function'
  | 'enum'
  | 'type'
  | 'extension';

/** One database object Prisma does not model, tolerated on purpose. */
export interface DriftAllowance {
  kind: DriftAllowanceKind;
  /** `table.object` for table-level kinds (column, index, check, exclusion, constraintTrigger, foreignKey, trigger), else the object's name. */
  name: string;
  /** Why it exists and why Prisma need not know about it. Required: an allow-list documents itself. */
  reason: string;
}

export interface DriftDifference {
  /** e.g. `column sites.city`, `index sites_country_idx` */
  object: string;
  /** The Prisma side, e.g. `Site.city`, `@@index([country]) on Site`; empty for unexpected objects. */
  prisma: string;
  /** What differs: `missing`, `unexpected`, `type`, `nullability`, `default`, `columns`, ... */
  aspect: string;
  expected: string;
  actual: string;
  /** One self-contained sentence. */
  message: string;
}

function diff(object: string, prisma: string, aspect: string, expected: string, actual: string): DriftDifference {
  const where = prisma ? ` (${prisma})` : '';
  const message =
    aspect === 'missing'
      ? `${object}${where} is missing from the database; expected ${expected}`
      : aspect === 'unexpected'
        ? `${object} exists in the database but not in the Prisma schema (${actual}); model it or add an allowance with a reason`
        : aspect === 'stale allowance'
          ? `allowance ${object} matches nothing in the database (${expected}); remove it`
          : aspect === 'allowance without reason'
            ? `allowance ${object} has no reason; say why the object exists and why Prisma need not model it`
            : `${object}${where}: ${aspect} expected ${expected}, actual ${actual}`;
  return { object, prisma, aspect, expected, actual, message };
}

const list = (xs: readonly unknown[]) => `(${xs.map(String).join(', ')})`;
const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The value of a literal column default as PostgreSQL prints it: `'x''y'::text` → x'y, `42`, `'-1'::integer` → -1. */
export function parseSqlLiteral(expr: string): { kind: 'string'; value: string } | { kind: 'number'; value: string } | { kind: 'boolean'; value: boolean } | { kind: 'array'; items: string[] } | { kind: 'null' } | null {
  let s = expr.trim();
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim();
  const str = /^(?:E)?'((?:[^']|'')*)'(?:::[\w\s."[\]()]+)?$/s.exec(s);
  if (str) return { kind: 'string', value: str[1]!.replace(/''/g, "'") };
  const num = /^(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?:::[\w\s"]+)?$/i.exec(s);
  if (num) return { kind: 'number', value: num[1]! };
  if (/^(true|false)$/i.test(s)) return { kind: 'boolean', value: s.toLowerCase() === 'true' };
  if (/^NULL(::.*)?$/i.test(s)) return { kind: 'null' };
  const arr = /^ARRAY\[(.*)\](?:::[\w\s."[\]()]+)?$/s.exec(s);
  if (arr) return { kind: 'array', items: splitTopLevel(arr[1]!) };
  return null;
}

function balanced(s: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const ch of s) {
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (const ch of s) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && (ch === '(' || ch === '[')) depth++;
    if (!quoted && (ch === ')' || ch === ']')) depth--;
    if (!quoted && depth === 0 && ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

function normalizeNumber(v: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(v)) return String(Number(v));
  let [int, frac = ''] = v.replace(/^-/, '').split('.') as [string, string?];
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const sign = v.startsWith('-') && (int !== '0' || frac !== '') ? '-' : '';
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

function scalarDefaultMatches(expected: unknown, prismaType: string, actualExpr: string): boolean {
  const lit = parseSqlLiteral(actualExpr);
  if (!lit) return false;
  switch (prismaType) {
    case 'String':
    case 'enum':
      return lit.kind === 'string' && lit.value === String(expected);
    case 'Int':
    case 'BigInt':
    case 'Float':
    case 'Decimal':
      return (lit.kind === 'number' || lit.kind === 'string') && normalizeNumber(lit.value) === normalizeNumber(String(expected));
    case 'Boolean':
      return (lit.kind === 'boolean' && lit.value === expected) || (lit.kind === 'string' && ['true', 't'].includes(lit.value) === (expected === true));
    case 'Json':
      if (lit.kind !== 'string') return false;
      try {
        return JSON.stringify(JSON.parse(lit.value)) === JSON.stringify(typeof expected === 'string' ? JSON.parse(expected) : expected);
      } catch {
        return false;
      }
    case 'DateTime': {
      if (lit.kind !== 'string') return false;
      const a = Date.parse(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(lit.value) ? lit.value : `${lit.value.replace(' ', 'T')}Z`);
      return !Number.isNaN(a) && a === Date.parse(String(expected));
    }
    case 'Bytes':
      return lit.kind === 'string' && lit.value.toLowerCase() === `\\x${Buffer.from(String(expected), 'base64').toString('hex')}`;
    default:
      return false;
  }
}

/** A default value as SQL, the way Prisma renders it: 'text', 42, true, ARRAY[...]. */
function describeValue(value: unknown, prismaType: string): string {
  if (Array.isArray(value)) return `ARRAY[${value.map((v) => describeValue(v, prismaType)).join(', ')}]`;
  if (['Int', 'BigInt', 'Float', 'Decimal', 'Boolean'].includes(prismaType)) return String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replace(/'/g, "''")}'`;
}

function describeDefault(d: ExpectedDefault): string {
  switch (d.kind) {
    case 'none':
      return 'no default';
    case 'autoincrement':
      return 'autoincrement: nextval() of the column\'s own sequence (SERIAL/BIGSERIAL) or an identity column';
    case 'now':
      return 'CURRENT_TIMESTAMP';
    case 'value':
      return describeValue(d.value, d.prismaType);
    case 'dbgenerated':
      return d.expression === null ? 'any database default (dbgenerated())' : `dbgenerated(${JSON.stringify(d.expression)})`;
  }
}

function normalizeExpression(e: string): string {
  return e.replace(/::[\w\s."[\]]+?(?=[),\s]|$)/g, '').replace(/[\s()]/g, '').toLowerCase();
}

function defaultMatches(expected: ExpectedDefault, col: DbColumn): boolean {
  const actual = col.default;
  switch (expected.kind) {
    case 'none':
      return actual === null && col.identity === '';
    case 'autoincrement':
      return col.identity !== '' || (actual !== null && /^nextval\('[^']+'::regclass\)$/.test(actual));
    case 'now':
      return actual !== null && /^(\()?(CURRENT_TIMESTAMP|now\(\))(\))?(::[\w\s()]+)?$/i.test(actual.trim());
    case 'dbgenerated':
      if (expected.expression === null) return true;
      return actual !== null && normalizeExpression(actual) === normalizeExpression(expected.expression);
    case 'value': {
      if (actual === null) return false;
      if (Array.isArray(expected.value)) {
        const lit = parseSqlLiteral(actual);
        const values: unknown[] = expected.value;
        if (lit?.kind === 'array') return lit.items.length === values.length && lit.items.every((item, i) => scalarDefaultMatches(values[i], expected.prismaType, item));
        // '{a,b}'::text[] form: compare the array literal's elements as text.
        if (lit?.kind === 'string' && /^\{.*\}$/s.test(lit.value)) {
          const items = lit.value.slice(1, -1) === '' ? [] : lit.value.slice(1, -1).split(',').map((x) => x.replace(/^"(.*)"$/, '$1'));
          return items.length === values.length && items.every((x, i) => String(x) === String(values[i]));
        }
        return false;
      }
      return scalarDefaultMatches(expected.value, expected.prismaType, actual);
    }
  }
}

export interface CompareOptions {
  allow?: readonly DriftAllowance[];
}

/** Every disagreement between what Prisma would create and what the database has. */
export function compareSchemas(expected: ExpectedSchema, actual: DbSchema, opts: CompareOptions = {}): DriftDifference[] {
  const out: DriftDifference[] = [];
  const allow = opts.allow ?? [];
  const used = new Set<DriftAllowance>();
  for (const a of allow) {
    if (!a.reason || a.reason.trim() === '') out.push(diff(`${a.kind} ${a.name}`, '', 'allowance without reason', 'a reason', 'none'));
  }
  const allowed = (kind: DriftAllowanceKind, name: string) => {
    const a = allow.find((x) => x.kind === kind && x.name === name);
    if (a) used.add(a);
    return a !== undefined;
  };
  const unexpected = (kind: DriftAllowanceKind, label: string, name: string, detail: string) => {
    if (!allowed(kind, name)) out.push(diff(`${label} ${name}`, '', 'unexpected', '', detail));
  };

  const actualTables = new Map(actual.tables.map((t) => [t.name, t]));
  const expectedTables = new Set(expected.tables.map((t) => t.name));

  for (const et of expected.tables) {
    const at = actualTables.get(et.name);
    if (!at) {
      out.push(diff(`table ${et.name}`, `model ${et.model}`, 'missing', `a table with columns ${list(et.columns.map((c) => c.name))}`, 'none'));
      continue;
    }

    // Columns
    const actualColumns = new Map(at.columns.map((c) => [c.name, c]));
    for (const ec of et.columns) {
      const ac = actualColumns.get(ec.name);
      const obj = `column ${et.name}.${ec.name}`;
      if (!ac) {
        out.push(diff(obj, ec.field, 'missing', `${ec.type}${ec.nullable ? '' : ' NOT NULL'}`, 'none'));
        continue;
      }
      if (ec.enumName !== null) {
        if (ac.typeName !== ec.enumName || ac.isArray !== ec.isList) out.push(diff(obj, ec.field, 'type', `enum ${ec.type}`, ac.type));
      } else if (ac.type !== ec.type) {
        out.push(diff(obj, ec.field, 'type', ec.type, ac.type));
      }
      // Prisma renders list columns without NOT NULL and reads array columns as lists whatever their nullability.
      if (!ec.isList && ac.notNull === ec.nullable) {
        out.push(diff(obj, ec.field, 'nullability', ec.nullable ? 'NULL' : 'NOT NULL', ac.notNull ? 'NOT NULL' : 'NULL'));
      }
      if (!defaultMatches(ec.default, ac)) {
        const actualDefault = ac.identity ? `identity (GENERATED ${ac.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'})` : (ac.default ?? 'no default');
        out.push(diff(obj, ec.field, 'default', describeDefault(ec.default), actualDefault));
      }
      if (ac.generated !== '') out.push(diff(obj, ec.field, 'generated column', 'a plain column', `GENERATED ALWAYS AS ${ac.default ?? '(?)'} STORED`));
    }
    const expectedColumns = new Set(et.columns.map((c) => c.name));
    for (const ac of at.columns) {
      if (!expectedColumns.has(ac.name)) unexpected('column', 'column', `${et.name}.${ac.name}`, `${ac.type}${ac.notNull ? ' NOT NULL' : ''}${ac.default ? ` DEFAULT ${ac.default}` : ''}`);
    }

    // Primary key
    if (et.primaryKey) {
      const pk = at.primaryKey;
      const obj = `primary key ${et.primaryKey.name}`;
      if (!pk) out.push(diff(obj, et.primaryKey.source, 'missing', `PRIMARY KEY ${list(et.primaryKey.columns)} on ${et.name}`, 'none'));
      else {
        if (!sameList(pk.columns, et.primaryKey.columns)) out.push(diff(obj, et.primaryKey.source, 'columns', list(et.primaryKey.columns), list(pk.columns)));
        if (pk.name !== et.primaryKey.name) out.push(diff(`primary key of ${et.name}`, et.primaryKey.source, 'name', et.primaryKey.name, pk.name));
      }
    } else if (at.primaryKey) {
      out.push(diff(`primary key ${at.primaryKey.name}`, `model ${et.model}`, 'primary key', 'none (the model has no @id/@@id)', `PRIMARY KEY ${list(at.primaryKey.columns)}`));
    }

    // Indexes (unique and plain; the primary key's index is the primary key)
    const actualIndexes = at.indexes.filter((i) => !i.primary);
    const matched = new Set<DbIndex>();
    for (const ei of et.indexes) {
      const obj = `${ei.unique ? 'unique index' : 'index'} ${ei.name}`;
      let ai = actualIndexes.find((i) => i.name === ei.name);
      if (!ai) {
        const same = actualIndexes.find((i) => !matched.has(i) && i.unique === ei.unique && sameList(i.columns, ei.columns) && i.predicate === null);
        if (same) {
          out.push(diff(obj, ei.source, 'name', ei.name, `${same.name} (same columns; Prisma would rename it)`));
          ai = same;
        } else {
          out.push(diff(obj, ei.source, 'missing', `${ei.unique ? 'UNIQUE ' : ''}INDEX ON ${et.name} USING ${ei.method} ${list(ei.columns.map((c, i) => (ei.descending[i] ? `${c} DESC` : c)))}`, 'none'));
          continue;
        }
      }
      matched.add(ai);
      if (ai.unique !== ei.unique) out.push(diff(obj, ei.source, 'uniqueness', ei.unique ? 'UNIQUE' : 'not unique', ai.unique ? 'UNIQUE' : 'not unique'));
      if (!sameList(ai.columns, ei.columns)) out.push(diff(obj, ei.source, 'columns', list(ei.columns), list(ai.columns.map((c) => c ?? '<expression>'))));
      else if (!sameList(ai.descending, ei.descending)) {
        const show = (d: boolean[]) => list(ei.columns.map((c, i) => `${c} ${d[i] ? 'DESC' : 'ASC'}`));
        out.push(diff(obj, ei.source, 'sort order', show(ei.descending), show(ai.descending)));
      }
      if (ai.method !== ei.method) out.push(diff(obj, ei.source, 'method', ei.method, ai.method));
      if (ai.predicate !== null) out.push(diff(obj, ei.source, 'predicate', 'none (Prisma indexes are not partial)', `WHERE ${ai.predicate}`));
      ei.operatorClasses.forEach((op, i) => {
        const actualOp = ai.operatorClasses[i];
        // Prisma names operator classes in CamelCase (JsonbPathOps, TimestampMinMaxOps): jsonb_path_ops, timestamp_minmax_ops.
        const same = (a: string, b: string | undefined) => b !== undefined && a.replace(/_/g, '').toLowerCase() === b.replace(/_/g, '').toLowerCase();
        if (op === null ? ai.defaultOperatorClass[i] === false : !same(op, actualOp)) {
          out.push(diff(obj, ei.source, `operator class of ${ei.columns[i]}`, op ?? 'the default', actualOp ?? '?'));
        }
      });
    }
    for (const ai of actualIndexes) {
      if (!matched.has(ai)) unexpected('index', 'index', `${et.name}.${ai.name}`, ai.definition);
    }

    // Foreign keys
    const matchedFks = new Set<DbForeignKey>();
    for (const ef of et.foreignKeys) {
      const obj = `foreign key ${ef.name}`;
      let af = at.foreignKeys.find((f) => f.name === ef.name);
      if (!af) {
        const same = at.foreignKeys.find((f) => !matchedFks.has(f) && sameList(f.columns, ef.columns) && f.referencedTable === ef.referencedTable);
        if (same) {
          out.push(diff(obj, ef.source, 'name', ef.name, `${same.name} (same columns; Prisma would rename it)`));
          af = same;
        } else {
          out.push(diff(obj, ef.source, 'missing', `FOREIGN KEY ${list(ef.columns)} REFERENCES ${ef.referencedTable}${list(ef.referencedColumns)} ON DELETE ${ef.onDelete} ON UPDATE ${ef.onUpdate}`, 'none'));
          continue;
        }
      }
      matchedFks.add(af);
      if (!sameList(af.columns, ef.columns)) out.push(diff(obj, ef.source, 'columns', list(ef.columns), list(af.columns)));
      if (af.referencedTable !== ef.referencedTable || !sameList(af.referencedColumns, ef.referencedColumns)) {
        out.push(diff(obj, ef.source, 'referenced columns', `${ef.referencedTable}${list(ef.referencedColumns)}`, `${af.referencedTable}${list(af.referencedColumns)}`));
      }
      if (af.onDelete !== ef.onDelete) out.push(diff(obj, ef.source, 'ON DELETE', ef.onDelete, af.onDelete));
      if (af.onUpdate !== ef.onUpdate) out.push(diff(obj, ef.source, 'ON UPDATE', ef.onUpdate, af.onUpdate));
    }
    for (const af of at.foreignKeys) {
      if (!matchedFks.has(af)) unexpected('foreignKey', 'foreign key', `${et.name}.${af.name}`, af.definition);
    }

    for (const c of at.otherConstraints) {
      const label = c.kind === 'check' ? 'check constraint' : c.kind === 'exclusion' ? 'exclusion constraint' : 'constraint trigger';
      unexpected(c.kind, label, `${et.name}.${c.name}`, c.definition);
    }
    for (const tg of at.triggers) unexpected('trigger', 'trigger', `${et.name}.${tg.name}`, tg.definition);
  }

  // Tables Prisma does not model: everything on them is covered by the table's allowance.
  for (const at of actual.tables) {
    if (!expectedTables.has(at.name)) unexpected('table', 'table', at.name, `columns ${list(at.columns.map((c) => c.name))}`);
  }

  // Enums: Prisma compares their values as a set.
  const actualEnums = new Map(actual.enums.map((e) => [e.name, e]));
  for (const ee of expected.enums) {
    const ae = actualEnums.get(ee.name);
    const obj = `enum ${ee.name}`;
    const prisma = `enum ${ee.prismaName}`;
    if (!ae) {
      out.push(diff(obj, prisma, 'missing', `ENUM ${list(ee.values)}`, 'none'));
      continue;
    }
    const missing = ee.values.filter((v) => !ae.values.includes(v));
    const extra = ae.values.filter((v) => !ee.values.includes(v));
    if (missing.length > 0 || extra.length > 0) out.push(diff(obj, prisma, 'values', list(ee.values), list(ae.values)));
  }
  const expectedEnums = new Set(expected.enums.map((e) => e.name));
  for (const ae of actual.enums) if (!expectedEnums.has(ae.name)) unexpected('enum', 'enum', ae.name, `ENUM ${list(ae.values)}`);

  for (const v of actual.views) unexpected('view', v.kind === 'view' ? 'view' : 'materialized view', v.name, v.kind);
  for (const s of actual.sequences) unexpected('sequence', 'sequence', s, 'not owned by a column');
  for (const f of actual.functions) unexpected('function', 'function', f, 'function');
  for (const t of actual.otherTypes) unexpected('type', 'type', t, 'domain, composite or range type');
  for (const e of actual.extensions) unexpected('extension', 'extension', e, 'extension');

  for (const a of allow) {
    if (!used.has(a)) out.push(diff(`${a.kind} ${a.name}`, '', 'stale allowance', `reason given: ${a.reason}`, 'nothing'));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------
