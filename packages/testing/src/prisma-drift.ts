/**
 * Drift check: does a service's Prisma schema agree with the database its committed SQL
 * migrations produce? (docs/adr/0003-database-migrations.md)
 *
 * Prisma's own `migrate diff` needs the native schema engine, which cannot be downloaded here
 * (and then prints nothing and exits 0). Instead:
 *
 * 1. The Prisma schema is parsed by Prisma's own parser: the `prisma` package ships it as
 *    WebAssembly (`build/prisma_schema_build_bg.wasm`, the same module as
 *    `@prisma/prisma-schema-wasm`), whose `get_dmmf` returns the DMMF generators receive. The
 *    `.prisma` text is never parsed by hand.
 * 2. {@link expectedSchemaFromDmmf} turns the DMMF into the PostgreSQL objects `prisma migrate`
 *    would create (types with precision, nullability, defaults, primary keys, unique and plain
 *    indexes, foreign keys with their actions, enums), named with Prisma's default names.
 * 3. {@link introspectDatabase} reads the migrated database from pg_catalog: the same objects,
 *    plus everything Prisma does not model (CHECK constraints, triggers, functions, views,
 *    sequences, other types, extensions, partial and expression indexes).
 * 4. {@link compareSchemas} reports every disagreement as one sentence naming the object, the
 *    Prisma model/field and expected vs actual. Objects Prisma does not model are differences
 *    too, unless an explicit {@link DriftAllowance} (kind, name, reason) covers them; an
 *    allowance that matches nothing is itself reported, so allow-lists cannot go stale.
 *
 * Limits (reported loudly, never skipped silently): one PostgreSQL schema (`multiSchema` models
 * are rejected); `relationMode = "prisma"` is not read (the DMMF does not carry it) so foreign
 * keys are always expected; `@relation(map: ...)` is not in the DMMF either, so a custom
 * foreign key name has to be given in `foreignKeyNames`; fields Prisma hides from the DMMF
 * (`Unsupported(...)`, `@ignore`, `@@ignore` models) show up as unexpected columns/tables and
 * need an allowance.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

// ---------------------------------------------------------------------------------------------
// DMMF (the subset this checker reads; field names as Prisma 7's get_dmmf returns them)
// ---------------------------------------------------------------------------------------------

export interface DmmfDefault {
  name: string;
  args: unknown[];
}

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt?: boolean;
  hasDefaultValue: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: DmmfDefault | string | number | boolean | unknown[];
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  schema?: string | null;
  fields: DmmfField[];
}

export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName: string | null }[];
}

export interface DmmfIndex {
  model: string;
  type: 'id' | 'normal' | 'unique' | 'fulltext';
  isDefinedOnField: boolean;
  name?: string;
  dbName?: string;
  algorithm?: string;
  clustered?: boolean;
  fields: { name: string; sortOrder?: 'asc' | 'desc'; length?: number; operatorClass?: string }[];
}

export interface DmmfDatamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

// ---------------------------------------------------------------------------------------------
// Prisma's schema parser, loaded from the WebAssembly module the `prisma` package ships
// ---------------------------------------------------------------------------------------------

// The few WebAssembly JS API types used here: lib "es2023" has none and @types/node 20 none either.
interface WasmTable {
  grow(delta: number): number;
  get(index: number): unknown;
  set(index: number, value: unknown): void;
}
interface WasmModuleImport {
  module: string;
  name: string;
  kind: string;
}
interface WasmApi {
  Module: { new (bytes: Uint8Array): object; imports(module: object): WasmModuleImport[] };
  Instance: new (module: object, imports: Record<string, Record<string, (...args: number[]) => unknown>>) => { exports: unknown };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface SchemaWasmExports {
  memory: { buffer: ArrayBuffer };
  __wbindgen_externrefs: WasmTable;
  __wbindgen_malloc: (size: number, align: number) => number;
  __wbindgen_free: (ptr: number, size: number, align: number) => void;
  __externref_table_dealloc: (index: number) => void;
  __wbindgen_start: () => void;
  get_dmmf: (ptr: number, len: number) => [number, number, number, number];
}

interface SchemaWasm {
  exports: SchemaWasmExports;
  version: string;
  panicMessage?: string;
}

const wasmCache = new Map<string, SchemaWasm>();

/** The `prisma` package a service uses: resolved from the service's directory. */
export function resolvePrismaPackage(fromDir: string): { dir: string; version: string } {
  const pkgJson = createRequire(join(resolve(fromDir), 'noop.js')).resolve('prisma/package.json');
  const version = (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
  return { dir: dirname(pkgJson), version };
}

// wasm-bindgen names its imports `<name>_<16 hex digits>`; the hash changes between builds.
type KnownWasmImport = '__wbg_set_message' | '__wbg_Error' | '__wbg___wbindgen_throw' | '__wbindgen_init_externref_table';

function loadSchemaWasm(prismaDir: string, version: string): SchemaWasm {
  const file = join(prismaDir, 'build', 'prisma_schema_build_bg.wasm');
  const cached = wasmCache.get(file);
  if (cached) return cached;
  const module = new wasmApi.Module(readFileSync(file));
  const state = { version } as SchemaWasm;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const text = (ptr: number, len: number) => decoder.decode(new Uint8Array(state.exports.memory.buffer).subarray(ptr >>> 0, (ptr >>> 0) + len));
  const known: Record<KnownWasmImport, (...args: number[]) => unknown> = {
    // Called just before a Rust panic traps, with the panic's message.
    __wbg_set_message: (ptr, len) => {
      state.panicMessage = text(ptr, len);
    },
    __wbg_Error: (ptr, len) => new Error(text(ptr, len)),
    __wbg___wbindgen_throw: (ptr, len) => {
      throw new Error(text(ptr, len));
    },
    __wbindgen_init_externref_table: () => {
      const table = state.exports.__wbindgen_externrefs;
      const offset = table.grow(4);
      table.set(0, undefined);
      table.set(offset + 0, undefined);
      table.set(offset + 1, null);
      table.set(offset + 2, true);
      table.set(offset + 3, false);
    },
  };
  const imports: Record<string, Record<string, (...args: number[]) => unknown>> = {};
  const unknown: string[] = [];
  for (const imp of wasmApi.Module.imports(module)) {
    const base = imp.name.replace(/_[0-9a-f]{16}$/, '') as KnownWasmImport;
    const fn = imp.kind === 'function' ? known[base] : undefined;
    if (!fn) {
      unknown.push(`${imp.module}.${imp.name}`);
      continue;
    }
    (imports[imp.module] ??= {})[imp.name] = fn;
  }
  if (unknown.length > 0) {
    throw new Error(`prisma ${version}'s schema parser (${file}) needs imports this loader does not provide: ${unknown.join(', ')}. Update loadSchemaWasm in packages/testing/src/prisma-drift.ts.`);
  }
  state.exports = new wasmApi.Instance(module, imports).exports as SchemaWasmExports;
  if (typeof state.exports.get_dmmf !== 'function') throw new Error(`prisma ${version}'s schema parser (${file}) has no get_dmmf export`);
  state.exports.__wbindgen_start();
  wasmCache.set(file, state);
  return state;
}

/**
 * Prisma's DMMF of a schema, computed by the schema parser of the `prisma` package resolved
 * from `prismaFromDir` (default: the schema's directory, i.e. the service's own Prisma).
 */
export function getPrismaDmmf(schemaText: string, opts: { prismaFromDir: string }): DmmfDatamodel {
  const { dir, version } = resolvePrismaPackage(opts.prismaFromDir);
  const wasm = loadSchemaWasm(dir, version);
  const w = wasm.exports;
  const input = new TextEncoder().encode(JSON.stringify({ prismaSchema: schemaText, noColor: true }));
  const ptr = w.__wbindgen_malloc(input.length, 1) >>> 0;
  new Uint8Array(w.memory.buffer).set(input, ptr);
  let result: [number, number, number, number];
  try {
    result = w.get_dmmf(ptr, input.length);
  } catch (e) {
    // A panic leaves the instance unusable: load a fresh one next time.
    wasmCache.clear();
    throw new Error(`prisma ${version}'s schema parser panicked: ${wasm.panicMessage ?? (e as Error).message}`, { cause: e });
  }
  if (!Array.isArray(result) || result.length !== 4) throw new Error(`prisma ${version}'s get_dmmf returned ${String(result)}: its calling convention changed; update packages/testing/src/prisma-drift.ts`);
  const [outPtr, outLen, errRef, isErr] = result;
  if (isErr) {
    const error = w.__wbindgen_externrefs.get(errRef) as unknown;
    w.__externref_table_dealloc(errRef);
    const message = error instanceof Error ? error.message : String(error);
    let detail = message;
    try {
      detail = (JSON.parse(message) as { message?: string }).message ?? message;
    } catch {
      /* not JSON */
    }
    throw new Error(`the Prisma schema is invalid (prisma ${version}):\n${detail}`);
  }
  let json: string;
  try {
    json = new TextDecoder().decode(new Uint8Array(w.memory.buffer).subarray(outPtr >>> 0, (outPtr >>> 0) + outLen));
  } finally {
    w.__wbindgen_free(outPtr, outLen, 1);
  }
  const dmmf = JSON.parse(json) as { datamodel?: DmmfDatamodel };
  const dm = dmmf.datamodel;
  if (!dm || !Array.isArray(dm.models) || !Array.isArray(dm.enums) || !Array.isArray(dm.indexes)) {
    throw new Error(`prisma ${version}'s DMMF has no datamodel.models/enums/indexes: its format changed; update packages/testing/src/prisma-drift.ts`);
  }
  return dm;
}

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

// ---------------------------------------------------------------------------------------------
// What the database has
// ---------------------------------------------------------------------------------------------

export interface DbColumn {
  name: string;
  /** format_type(atttypid, atttypmod) */
  type: string;
  /** The type's name (of the element type for arrays), unquoted. */
  typeName: string;
  isArray: boolean;
  notNull: boolean;
  /** pg_get_expr of the column default. */
  default: string | null;
  /** attidentity: '' | 'a' (ALWAYS) | 'd' (BY DEFAULT) */
  identity: string;
  /** attgenerated: '' | 's' (stored generated column) */
  generated: string;
}

export interface DbIndex {
  name: string;
  /** null for an expression. */
  columns: (string | null)[];
  descending: boolean[];
  operatorClasses: string[];
  defaultOperatorClass: boolean[];
  unique: boolean;
  primary: boolean;
  method: string;
  predicate: string | null;
  /** pg_get_indexdef */
  definition: string;
}

export interface DbForeignKey {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
  definition: string;
}

export interface DbTable {
  name: string;
  columns: DbColumn[];
  primaryKey: { name: string; columns: string[] } | null;
  indexes: DbIndex[];
  foreignKeys: DbForeignKey[];
  /** CHECK, EXCLUDE and constraint triggers: what Prisma does not model. */
  otherConstraints: { kind: 'check' | 'exclusion' | 'constraintTrigger'; name: string; definition: string }[];
  triggers: { name: string; definition: string }[];
}

export interface DbSchema {
  tables: DbTable[];
  enums: { name: string; values: string[] }[];
  views: { name: string; kind: 'view' | 'materializedView' }[];
  /** Sequences not owned by a column (serial/identity sequences belong to their column). */
  sequences: string[];
  /** `name(identity arguments)`, excluding extension members. */
  functions: string[];
  /** Domains, composite and range types (enums are listed apart). */
  otherTypes: string[];
  /** Installed extensions other than plpgsql. */
  extensions: string[];
}

const PG_ACTIONS: Record<string, ReferentialAction> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** Reads one PostgreSQL schema of a database from pg_catalog. */
export async function introspectDatabase(databaseUrl: string, schema = 'public'): Promise<DbSchema> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const q = async <T extends object>(sql: string): Promise<T[]> => (await client.query<T>(sql, [schema])).rows;
    // Objects created by extensions (pg_depend deptype 'e') are the extension's, not the schema's.
    const notExtensionMember = (oidExpr: string, catalog: string) =>
      `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${catalog}'::regclass AND dep.objid = ${oidExpr} AND dep.deptype = 'e')`;

    const rels = await q<{ oid: number; name: string; relkind: string }>(
      `SELECT c.oid::int AS oid, c.relname AS name, c.relkind::text AS relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind IN ('r','p','f','v','m') AND ${notExtensionMember('c.oid', 'pg_class')} ORDER BY c.relname`,
    );
    const tableRels = rels.filter((r) => r.relkind === 'r' || r.relkind === 'p' || r.relkind === 'f');
    const tables = new Map<number, DbTable>(
      tableRels.map((r) => [r.oid, { name: r.name, columns: [], primaryKey: null, indexes: [], foreignKeys: [], otherConstraints: [], triggers: [] }]),
    );

    const columns = await q<{ rel: number; name: string; type: string; typname: string; is_array: boolean; notnull: boolean; def: string | null; identity: string; generated: string }>(
      `SELECT a.attrelid::int AS rel, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
              COALESCE(et.typname, t.typname) AS typname, t.typcategory = 'A' AS is_array, a.attnotnull AS notnull,
              pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity::text AS identity, a.attgenerated::text AS generated
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE n.nspname = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum`,
    );
    for (const c of columns) {
      tables.get(c.rel)?.columns.push({ name: c.name, type: c.type, typeName: c.typname, isArray: c.is_array, notNull: c.notnull, default: c.def, identity: c.identity, generated: c.generated });
    }

    const indexes = await q<{
      rel: number; name: string; unique: boolean; primary: boolean; method: string; predicate: string | null; definition: string;
      columns: (string | null)[]; options: number[]; opclasses: string[]; opdefault: boolean[];
    }>(
      `SELECT i.indrelid::int AS rel, ic.relname AS name, i.indisunique AS unique, i.indisprimary AS primary, am.amname AS method,
              pg_get_expr(i.indpred, i.indrelid) AS predicate, pg_get_indexdef(i.indexrelid) AS definition,
              ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                    LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum <> 0
                    WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS columns,
              ARRAY(SELECT o::int FROM unnest(i.indoption::int2[]) WITH ORDINALITY x(o, ord) ORDER BY x.ord) AS options,
              ARRAY(SELECT op.opcname::text FROM unnest(i.indclass::oid[]) WITH ORDINALITY x(cls, ord) JOIN pg_opclass op ON op.oid = x.cls ORDER BY x.ord) AS opclasses,
              ARRAY(SELECT op.opcdefault FROM unnest(i.indclass::oid[]) WITH ORDINALITY x(cls, ord) JOIN pg_opclass op ON op.oid = x.cls ORDER BY x.ord) AS opdefault
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = tc.relnamespace JOIN pg_am am ON am.oid = ic.relam
       WHERE n.nspname = $1 ORDER BY ic.relname`,
    );
    for (const i of indexes) {
      tables.get(i.rel)?.indexes.push({
        name: i.name,
        columns: i.columns,
        descending: i.options.map((o) => (o & 1) === 1),
        operatorClasses: i.opclasses,
        defaultOperatorClass: i.opdefault,
        unique: i.unique,
        primary: i.primary,
        method: i.method,
        predicate: i.predicate,
        definition: i.definition,
      });
    }

    const constraints = await q<{ rel: number; name: string; type: string; definition: string; columns: string[]; ref_table: string | null; ref_columns: string[]; del: string; upd: string }>(
      `SELECT co.conrelid::int AS rel, co.conname AS name, co.contype::text AS type, pg_get_constraintdef(co.oid) AS definition,
              ARRAY(SELECT a.attname::text FROM unnest(co.conkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
              rc.relname AS ref_table,
              ARRAY(SELECT a.attname::text FROM unnest(co.confkey) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
              co.confdeltype::text AS del, co.confupdtype::text AS upd
       FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class rc ON rc.oid = co.confrelid
       WHERE n.nspname = $1 AND co.contype IN ('p','f','c','x','t') ORDER BY co.conname`,
    );
    for (const c of constraints) {
      const t = tables.get(c.rel);
      if (!t) continue;
      if (c.type === 'p') t.primaryKey = { name: c.name, columns: c.columns };
      else if (c.type === 'f') {
        t.foreignKeys.push({
          name: c.name, columns: c.columns, referencedTable: c.ref_table ?? '?', referencedColumns: c.ref_columns,
          onDelete: PG_ACTIONS[c.del] ?? 'NO ACTION', onUpdate: PG_ACTIONS[c.upd] ?? 'NO ACTION', definition: c.definition,
        });
      } else t.otherConstraints.push({ kind: c.type === 'c' ? 'check' : c.type === 'x' ? 'exclusion' : 'constraintTrigger', name: c.name, definition: c.definition });
    }

    const triggers = await q<{ rel: number; name: string; definition: string }>(
      `SELECT tg.tgrelid::int AS rel, tg.tgname AS name, pg_get_triggerdef(tg.oid) AS definition
       FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND NOT tg.tgisinternal AND tg.tgconstraint = 0 ORDER BY tg.tgname`,
    );
    for (const tg of triggers) tables.get(tg.rel)?.triggers.push({ name: tg.name, definition: tg.definition });

    const enums = await q<{ name: string; values: string[] }>(
      `SELECT t.typname AS name, ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = $1 AND t.typtype = 'e' AND ${notExtensionMember('t.oid', 'pg_type')} ORDER BY t.typname`,
    );
    const sequences = await q<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind = 'S' AND ${notExtensionMember('c.oid', 'pg_class')}
         AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid AND dep.refobjsubid > 0 AND dep.deptype IN ('a','i'))
       ORDER BY c.relname`,
    );
    const functions = await q<{ name: string }>(
      `SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = $1 AND ${notExtensionMember('p.oid', 'pg_proc')} ORDER BY 1`,
    );
    const otherTypes = await q<{ name: string }>(
      `SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       LEFT JOIN pg_class c ON c.oid = t.typrelid
       WHERE n.nspname = $1 AND (t.typtype IN ('d','r','m') OR (t.typtype = 'c' AND c.relkind = 'c')) AND ${notExtensionMember('t.oid', 'pg_type')} ORDER BY t.typname`,
    );
    const extensions = await q<{ name: string }>(
      `SELECT e.extname AS name FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname = $1 AND e.extname <> 'plpgsql' ORDER BY e.extname`,
    );

    return {
      tables: [...tables.values()],
      enums,
      views: rels.filter((r) => r.relkind === 'v' || r.relkind === 'm').map((r) => ({ name: r.name, kind: r.relkind === 'v' ? 'view' : 'materializedView' })),
      sequences: sequences.map((s) => s.name),
      functions: functions.map((f) => f.name),
      otherTypes: otherTypes.map((t) => t.name),
      extensions: extensions.map((e) => e.name),
    };
  } finally {
    await client.end();
  }
}

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

export interface PrismaDriftOptions extends ExpectedSchemaOptions {
  /** Path of the service's `prisma/schema.prisma`. */
  schemaPath: string;
  /** A database the service's migrations were applied to. */
  databaseUrl: string;
  /** Database objects Prisma does not model, each with its reason. */
  allow?: readonly DriftAllowance[];
  /** Where to resolve the `prisma` package from (default: the schema's directory). */
  prismaFromDir?: string;
}

export interface PrismaDriftReport {
  differences: DriftDifference[];
  /** One line per difference (empty when schema and database agree). */
  messages: string[];
  expected: ExpectedSchema;
  actual: DbSchema;
}

/** Compares a Prisma schema with a (migrated) database; see the module comment. */
export async function checkPrismaDrift(opts: PrismaDriftOptions): Promise<PrismaDriftReport> {
  const dm = getPrismaDmmf(readFileSync(opts.schemaPath, 'utf8'), { prismaFromDir: opts.prismaFromDir ?? dirname(resolve(opts.schemaPath)) });
  const expected = expectedSchemaFromDmmf(dm, opts);
  const actual = await introspectDatabase(opts.databaseUrl, opts.schema ?? 'public');
  const differences = compareSchemas(expected, actual, { allow: opts.allow });
  return { differences, messages: differences.map((d) => d.message), expected, actual };
}

/** `_meic_migrations`, the bookkeeping table of @meic/service-kit's runMigrations. */
export const migratorAllowances: readonly DriftAllowance[] = [
  { kind: 'table', name: '_meic_migrations', reason: "@meic/service-kit's runMigrations records applied migrations and their checksums here (ADR 0003); no service reads it through Prisma" },
];

/**
 * What each service's first migration adds to its outbox table besides what Prisma models
 * (ADR 0003): the relay's partial index of unpublished rows (Prisma cannot express `WHERE`)
 * and the statement trigger + function that wake the relay with pg_notify.
 */
export const outboxAllowances: readonly DriftAllowance[] = [
  { kind: 'index', name: 'outbox_events.outbox_events_unpublished_idx', reason: 'partial index (WHERE published_at IS NULL) the outbox relay polls; Prisma cannot declare partial indexes' },
  { kind: 'trigger', name: 'outbox_events.outbox_events_notify', reason: 'AFTER INSERT statement trigger that wakes the outbox relay through pg_notify; Prisma does not model triggers' },
  { kind: 'function', name: 'outbox_events_notify()', reason: 'the trigger function of outbox_events_notify (pg_notify on channel meic_outbox); Prisma does not model functions' },
];
