import { Client } from 'pg';
import type { ReferentialAction } from './expected-schema';

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
