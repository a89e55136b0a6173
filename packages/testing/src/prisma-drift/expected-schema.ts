import type { DmmfDatamodel, DmmfEnum, DmmfField, DmmfModel } from './dmmf';

// ---------------------------------------------------------------------------------------------
// What Prisma Migrate would create
// ---------------------------------------------------------------------------------------------

export type ExpectedDefault =
  | { kind: 'none' }
  | { kind: 'autoincrement' }
  | { kind: 'now' }
  | { kind: 'value'; value: unknown; prismaType: string }
  | { kind: 'dbgenerated'; expression: string | null };

export interface ExpectedColumn {
  name: string;
  /** `Model.field` */
  field: string;
  /** As PostgreSQL's format_type() prints it, with `[]` for lists; for enums the enum's name. */
  type: string;
  enumName: string | null;
  isList: boolean;
  nullable: boolean;
  default: ExpectedDefault;
}

export interface ExpectedIndex {
  name: string;
  table: string;
  columns: string[];
  descending: boolean[];
  operatorClasses: (string | null)[];
  unique: boolean;
  /** PostgreSQL access method: btree, hash, gist, gin, spgist, brin. */
  method: string;
  /** Where it comes from, e.g. `@@index([country]) on Site`. */
  source: string;
}

export type ReferentialAction = 'CASCADE' | 'RESTRICT' | 'NO ACTION' | 'SET NULL' | 'SET DEFAULT';

export interface ExpectedForeignKey {
  name: string;
  table: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
  source: string;
}

export interface ExpectedTable {
  name: string;
  model: string;
  columns: ExpectedColumn[];
  primaryKey: { name: string; columns: string[]; source: string } | null;
  indexes: ExpectedIndex[];
  foreignKeys: ExpectedForeignKey[];
}

export interface ExpectedEnum {
  name: string;
  prismaName: string;
  values: string[];
}

export interface ExpectedSchema {
  tables: ExpectedTable[];
  enums: ExpectedEnum[];
}

export interface ExpectedSchemaOptions {
  /** The PostgreSQL schema the models live in (default `public`). */
  schema?: string;
  /** `Model.relationField` → constraint name, for relations with `@relation(map: "...")` (not in the DMMF). */
  foreignKeyNames?: Record<string, string>;
}

/** PostgreSQL's identifier limit (NAMEDATALEN - 1), which Prisma's default names respect. */
const PG_MAX_IDENTIFIER = 63;

function truncateBytes(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}

/**
 * Prisma's default constraint/index names on PostgreSQL (psl ConstraintNames): `<table>_pkey`,
 * `<table>_<cols>_key`, `<table>_<cols>_idx`, `<table>_<cols>_fkey`, cut so that the whole name
 * fits PostgreSQL's 63 bytes.
 */
export function prismaDefaultName(kind: 'pkey' | 'key' | 'idx' | 'fkey', table: string, columns: string[] = []): string {
  const suffix = `_${kind}`;
  const base = kind === 'pkey' ? table : `${table}_${columns.join('_')}`;
  const limit = PG_MAX_IDENTIFIER - suffix.length;
  return `${Buffer.byteLength(base) >= limit ? truncateBytes(base, limit) : base}${suffix}`;
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Boolean: 'boolean',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

function optionalArg(args: string[]): string {
  return args.length > 0 ? `(${args.join(',')})` : '';
}

/** A `@db.*` native type as PostgreSQL's format_type() prints the column Prisma would create. */
export function nativeTypeToPostgres(name: string, args: string[]): string {
  switch (name) {
    case 'Text': return 'text';
    case 'Char': return `character(${args[0] ?? '1'})`;
    case 'VarChar': return `character varying${optionalArg(args)}`;
    case 'Bit': return `bit(${args[0] ?? '1'})`;
    case 'VarBit': return `bit varying${optionalArg(args)}`;
    case 'Uuid': return 'uuid';
    case 'Xml': return 'xml';
    case 'Inet': return 'inet';
    case 'Citext': return 'citext';
    case 'Boolean': return 'boolean';
    case 'Integer': return 'integer';
    case 'SmallInt': return 'smallint';
    case 'Oid': return 'oid';
    case 'BigInt': return 'bigint';
    case 'DoublePrecision': return 'double precision';
    case 'Real': return 'real';
    case 'Decimal': return args.length === 0 ? 'numeric' : `numeric(${args[0]},${args[1] ?? '0'})`;
    case 'Money': return 'money';
    case 'Timestamp': return `timestamp${optionalArg(args)} without time zone`;
    case 'Timestamptz': return `timestamp${optionalArg(args)} with time zone`;
    case 'Date': return 'date';
    case 'Time': return `time${optionalArg(args)} without time zone`;
    case 'Timetz': return `time${optionalArg(args)} with time zone`;
    case 'Json': return 'json';
    case 'JsonB': return 'jsonb';
    case 'ByteA': return 'bytea';
    default:
      throw new Error(`@db.${name} is not a PostgreSQL native type this drift checker knows; add it to nativeTypeToPostgres`);
  }
}

const ACTIONS: Record<string, ReferentialAction> = { Cascade: 'CASCADE', Restrict: 'RESTRICT', NoAction: 'NO ACTION', SetNull: 'SET NULL', SetDefault: 'SET DEFAULT' };

function action(prisma: string, where: string): ReferentialAction {
  const a = ACTIONS[prisma];
  if (!a) throw new Error(`${where}: referential action ${prisma} is unknown to the drift checker`);
  return a;
}

function fieldDefault(model: DmmfModel, field: DmmfField): ExpectedDefault {
  const where = `${model.name}.${field.name}`;
  if (!field.hasDefaultValue || field.default === undefined) return { kind: 'none' };
  const d = field.default;
  if (d !== null && typeof d === 'object' && !Array.isArray(d)) {
    switch (d.name) {
      case 'autoincrement':
        return { kind: 'autoincrement' };
      case 'now':
        return { kind: 'now' };
      // Generated by the Prisma client, not by the database: no column default.
      case 'uuid':
      case 'cuid':
      case 'nanoid':
      case 'ulid':
        return { kind: 'none' };
      case 'dbgenerated':
        return { kind: 'dbgenerated', expression: typeof d.args[0] === 'string' && d.args[0] !== '' ? d.args[0] : null };
      default:
        throw new Error(`${where}: @default(${d.name}()) is unknown to the drift checker`);
    }
  }
  return { kind: 'value', value: d, prismaType: field.kind === 'enum' ? 'enum' : field.type };
}

/** The tables, columns, keys, indexes and enums `prisma migrate` would create for this DMMF. */
export function expectedSchemaFromDmmf(dm: DmmfDatamodel, opts: ExpectedSchemaOptions = {}): ExpectedSchema {
  const schema = opts.schema ?? 'public';
  const models = new Map(dm.models.map((m) => [m.name, m]));
  const enums = new Map(dm.enums.map((e) => [e.name, e]));
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const columnOf = (m: DmmfModel, fieldName: string) => {
    const f = m.fields.find((x) => x.name === fieldName);
    if (!f) throw new Error(`DMMF: ${m.name} has no field ${fieldName}`);
    return f.dbName ?? f.name;
  };
  const enumValue = (e: DmmfEnum, name: string) => e.values.find((v) => v.name === name)?.dbName ?? name;

  const tables: ExpectedTable[] = [];
  for (const m of dm.models) {
    if (m.schema && m.schema !== schema) throw new Error(`model ${m.name} lives in schema ${m.schema}: the drift checker compares one schema (${schema}) only`);
    const table = tableOf(m);
    const columns: ExpectedColumn[] = [];
    for (const f of m.fields) {
      if (f.kind === 'object') continue;
      if (f.kind === 'unsupported') throw new Error(`${m.name}.${f.name}: Unsupported fields are unknown to the drift checker`);
      let type: string;
      let enumName: string | null = null;
      if (f.kind === 'enum') {
        const e = enums.get(f.type);
        if (!e) throw new Error(`DMMF: enum ${f.type} of ${m.name}.${f.name} not found`);
        enumName = e.dbName ?? e.name;
        type = enumName;
      } else if (f.nativeType) {
        type = nativeTypeToPostgres(f.nativeType[0], f.nativeType[1]);
      } else {
        const t = SCALAR_TYPES[f.type];
        if (!t) throw new Error(`${m.name}.${f.name}: Prisma type ${f.type} is unknown to the drift checker`);
        type = t;
      }
      let def = fieldDefault(m, f);
      if (def.kind === 'value' && f.kind === 'enum' && f.default !== undefined) {
        const e = enums.get(f.type)!;
        const v = def.value;
        def = { ...def, value: Array.isArray(v) ? v.map((x) => enumValue(e, String(x))) : enumValue(e, String(v)) };
      }
      columns.push({
        name: f.dbName ?? f.name,
        field: `${m.name}.${f.name}`,
        type: f.isList ? `${type}[]` : type,
        enumName,
        isList: f.isList,
        nullable: !f.isRequired,
        default: def,
      });
    }

    let primaryKey: ExpectedTable['primaryKey'] = null;
    const indexes: ExpectedIndex[] = [];
    for (const idx of dm.indexes.filter((i) => i.model === m.name)) {
      const cols = idx.fields.map((f) => columnOf(m, f.name));
      const fieldList = idx.fields.map((f) => f.name).join(', ');
      if (idx.type === 'id') {
        const source = idx.isDefinedOnField ? `@id on ${m.name}.${fieldList}` : `@@id([${fieldList}]) on ${m.name}`;
        primaryKey = { name: idx.dbName ?? prismaDefaultName('pkey', table), columns: cols, source };
        continue;
      }
      if (idx.type === 'fulltext') throw new Error(`${m.name}: @@fulltext indexes are not supported on PostgreSQL`);
      const unique = idx.type === 'unique';
      const source = idx.isDefinedOnField ? `@unique on ${m.name}.${fieldList}` : `@@${unique ? 'unique' : 'index'}([${fieldList}]) on ${m.name}`;
      indexes.push({
        name: idx.dbName ?? prismaDefaultName(unique ? 'key' : 'idx', table, cols),
        table,
        columns: cols,
        descending: idx.fields.map((f) => f.sortOrder === 'desc'),
        operatorClasses: idx.fields.map((f) => f.operatorClass ?? null),
        unique,
        method: (idx.algorithm ?? 'BTree').toLowerCase(),
        source,
      });
    }

    const foreignKeys: ExpectedForeignKey[] = [];
    for (const f of m.fields) {
      if (f.kind !== 'object' || !f.relationFromFields || f.relationFromFields.length === 0) continue;
      const target = models.get(f.type);
      if (!target) throw new Error(`DMMF: model ${f.type} of relation ${m.name}.${f.name} not found`);
      const cols = f.relationFromFields.map((n) => columnOf(m, n));
      const optional = f.relationFromFields.some((n) => m.fields.find((x) => x.name === n)?.isRequired === false);
      const where = `${m.name}.${f.name}`;
      foreignKeys.push({
        name: opts.foreignKeyNames?.[where] ?? prismaDefaultName('fkey', table, cols),
        table,
        columns: cols,
        referencedTable: tableOf(target),
        referencedColumns: (f.relationToFields ?? []).map((n) => columnOf(target, n)),
        // Prisma's defaults: SetNull for optional relations, Restrict for required ones; Cascade on update.
        onDelete: f.relationOnDelete ? action(f.relationOnDelete, where) : optional ? 'SET NULL' : 'RESTRICT',
        onUpdate: f.relationOnUpdate ? action(f.relationOnUpdate, where) : 'CASCADE',
        source: `relation ${where}`,
      });
    }
    tables.push({ name: table, model: m.name, columns, primaryKey, indexes, foreignKeys });
  }

  // Implicit many-to-many relations: Prisma's join table `_<relation>` with columns A and B
  // (A refers to the model whose name sorts first), primary key (A, B), an index on B and
  // cascading foreign keys.
  const seen = new Set<string>();
  for (const m of dm.models) {
    for (const f of m.fields) {
      if (f.kind !== 'object' || !f.isList || !f.relationName || seen.has(f.relationName)) continue;
      const other = models.get(f.type);
      const back = other?.fields.find((x) => x.kind === 'object' && x.relationName === f.relationName && (x !== f || other === m));
      if (!other || !back || !back.isList) continue;
      seen.add(f.relationName);
      const [a, b] = [m, other].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)) as [DmmfModel, DmmfModel];
      const table = `_${f.relationName}`;
      const idColumn = (model: DmmfModel, letter: 'A' | 'B'): { column: ExpectedColumn; ref: string } => {
        const id = model.fields.find((x) => x.isId);
        if (!id) throw new Error(`implicit many-to-many ${table}: ${model.name} has no single-field @id`);
        const type = id.nativeType ? nativeTypeToPostgres(id.nativeType[0], id.nativeType[1]) : SCALAR_TYPES[id.type];
        if (!type) throw new Error(`implicit many-to-many ${table}: id type ${id.type} unknown`);
        return { column: { name: letter, field: `${table}.${letter}`, type, enumName: null, isList: false, nullable: false, default: { kind: 'none' } }, ref: id.dbName ?? id.name };
      };
      const colA = idColumn(a, 'A');
      const colB = idColumn(b, 'B');
      const source = `implicit many-to-many relation ${f.relationName}`;
      const fk = (letter: 'A' | 'B', target: DmmfModel, ref: string): ExpectedForeignKey => ({
        name: prismaDefaultName('fkey', table, [letter]),
        table,
        columns: [letter],
        referencedTable: tableOf(target),
        referencedColumns: [ref],
        onDelete: 'CASCADE',
        onUpdate: 'CASCADE',
        source,
      });
      tables.push({
        name: table,
        model: `(${source})`,
        columns: [colA.column, colB.column],
        primaryKey: { name: `${table}_AB_pkey`, columns: ['A', 'B'], source },
        indexes: [{ name: `${table}_B_index`, table, columns: ['B'], descending: [false], operatorClasses: [null], unique: false, method: 'btree', source }],
        foreignKeys: [fk('A', a, colA.ref), fk('B', b, colB.ref)],
      });
    }
  }

  return {
    tables,
    enums: dm.enums.map((e) => ({ name: e.dbName ?? e.name, prismaName: e.name, values: e.values.map((v) => v.dbName ?? v.name) })),
  };
}
