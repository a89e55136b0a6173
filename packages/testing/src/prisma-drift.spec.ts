import { resolve } from 'node:path';
import {
  compareSchemas,
  type DbSchema,
  type DbTable,
  expectedSchemaFromDmmf,
  getPrismaDmmf,
  nativeTypeToPostgres,
  parseSqlLiteral,
  prismaDefaultName,
} from './prisma-drift';

// Unit tests: Prisma's real parser (WebAssembly, offline) on schemas written here, and the
// comparison against database descriptions written here. No database.

const prismaFromDir = resolve(__dirname, '../../../services/stakeholders');
const expectedOf = (schema: string) => expectedSchemaFromDmmf(getPrismaDmmf(`datasource db {\n  provider = "postgresql"\n}\n${schema}`, { prismaFromDir }));

describe('getPrismaDmmf (Prisma schema parser from the prisma package)', () => {
  it('parses a schema into the DMMF', () => {
    const dm = getPrismaDmmf('datasource db {\n  provider = "postgresql"\n}\nmodel A {\n  id Int @id\n  @@map("as")\n}\n', { prismaFromDir });
    expect(dm.models).toEqual([expect.objectContaining({ name: 'A', dbName: 'as' })]);
    expect(dm.indexes).toEqual([expect.objectContaining({ model: 'A', type: 'id', fields: [{ name: 'id' }] })]);
  });

  it("rejects an invalid schema with Prisma's own validation message", () => {
    expect(() => getPrismaDmmf('model A {\n  id Nope @id\n}\n', { prismaFromDir })).toThrow(/the Prisma schema is invalid[\s\S]*Type "Nope" is neither a built-in type/);
  });
});

describe("Prisma's default names", () => {
  it('names keys and indexes after the table and columns', () => {
    expect(prismaDefaultName('pkey', 'sites')).toBe('sites_pkey');
    expect(prismaDefaultName('key', 'outbox_events', ['event_id'])).toBe('outbox_events_event_id_key');
    expect(prismaDefaultName('idx', 'sites', ['country', 'created_at'])).toBe('sites_country_created_at_idx');
    expect(prismaDefaultName('fkey', 'personal_data', ['beneficiary_id'])).toBe('personal_data_beneficiary_id_fkey');
  });

  it('cuts long names to 63 bytes, keeping the suffix', () => {
    const name = prismaDefaultName('idx', 'a_rather_long_table_name_for_testing', ['first_long_column', 'second_long_column']);
    expect(name).toBe(`${'a_rather_long_table_name_for_testing_first_long_column_second_long_column'.slice(0, 59)}_idx`);
    expect(Buffer.byteLength(name)).toBe(63);
    expect(prismaDefaultName('fkey', 't'.repeat(70), ['c'])).toBe(`${'t'.repeat(58)}_fkey`);
  });
});

describe('Prisma types → PostgreSQL, as prisma migrate creates them', () => {
  it('maps native types to what format_type() prints', () => {
    expect(nativeTypeToPostgres('Timestamptz', ['3'])).toBe('timestamp(3) with time zone');
    expect(nativeTypeToPostgres('Timestamp', [])).toBe('timestamp without time zone');
    expect(nativeTypeToPostgres('Decimal', ['5', '2'])).toBe('numeric(5,2)');
    expect(nativeTypeToPostgres('Decimal', [])).toBe('numeric');
    expect(nativeTypeToPostgres('VarChar', ['255'])).toBe('character varying(255)');
    expect(nativeTypeToPostgres('Char', [])).toBe('character(1)');
    expect(nativeTypeToPostgres('Uuid', [])).toBe('uuid');
    expect(nativeTypeToPostgres('Date', [])).toBe('date');
    expect(nativeTypeToPostgres('SmallInt', [])).toBe('smallint');
    expect(() => nativeTypeToPostgres('Geometry', [])).toThrow(/@db.Geometry is not a PostgreSQL native type this drift checker knows/);
  });

  it('maps scalars, optionality, defaults, keys, indexes and relations', () => {
    const expected = expectedOf(`
enum Stage {
  ENROLLED
  PLACED   @map("placed")
}
model Parent {
  id        BigInt    @id @default(autoincrement())
  name      String
  nick      String?
  count     Int       @default(-1)
  ok        Boolean   @default(false)
  data      Json
  amount    Decimal
  at        DateTime
  createdAt DateTime  @default(now()) @map("created_at") @db.Timestamptz(3)
  token     String    @default(uuid()) @db.Uuid
  stage     Stage     @default(PLACED)
  tags      String[]
  children  Child[]

  @@index([name(sort: Desc)])
  @@map("parents")
}
model Child {
  parentId BigInt  @map("parent_id")
  slot     Int
  otherId  BigInt? @map("other_id")
  parent   Parent  @relation(fields: [parentId], references: [id], onDelete: Cascade)
  other    Other?  @relation(fields: [otherId], references: [id])

  @@id([parentId, slot])
  @@unique([otherId, slot], map: "child_other_slot")
}
model Other {
  id       BigInt  @id
  children Child[]
  tags     Label[]
}
model Label {
  id     Int     @id
  others Other[]
}
`);
    const parents = expected.tables.find((t) => t.name === 'parents')!;
    expect(parents.columns.map((c) => [c.name, c.type, c.nullable, c.default])).toEqual([
      ['id', 'bigint', false, { kind: 'autoincrement' }],
      ['name', 'text', false, { kind: 'none' }],
      ['nick', 'text', true, { kind: 'none' }],
      ['count', 'integer', false, { kind: 'value', value: -1, prismaType: 'Int' }],
      ['ok', 'boolean', false, { kind: 'value', value: false, prismaType: 'Boolean' }],
      ['data', 'jsonb', false, { kind: 'none' }],
      ['amount', 'numeric(65,30)', false, { kind: 'none' }],
      ['at', 'timestamp(3) without time zone', false, { kind: 'none' }],
      ['created_at', 'timestamp(3) with time zone', false, { kind: 'now' }],
      ['token', 'uuid', false, { kind: 'none' }], // uuid() is generated by the client
      ['stage', 'Stage', false, { kind: 'value', value: 'placed', prismaType: 'enum' }],
      ['tags', 'text[]', false, { kind: 'none' }],
    ]);
    expect(parents.primaryKey).toEqual({ name: 'parents_pkey', columns: ['id'], source: '@id on Parent.id' });
    expect(parents.indexes).toEqual([
      { name: 'parents_name_idx', table: 'parents', columns: ['name'], descending: [true], operatorClasses: [null], unique: false, method: 'btree', source: '@@index([name]) on Parent' },
    ]);

    const child = expected.tables.find((t) => t.name === 'Child')!;
    expect(child.primaryKey).toEqual({ name: 'Child_pkey', columns: ['parent_id', 'slot'], source: '@@id([parentId, slot]) on Child' });
    expect(child.indexes.map((i) => [i.name, i.unique, i.columns])).toEqual([['child_other_slot', true, ['other_id', 'slot']]]);
    expect(child.foreignKeys.map((f) => [f.name, f.columns, f.referencedTable, f.referencedColumns, f.onDelete, f.onUpdate])).toEqual([
      ['Child_parent_id_fkey', ['parent_id'], 'parents', ['id'], 'CASCADE', 'CASCADE'],
      ['Child_other_id_fkey', ['other_id'], 'Other', ['id'], 'SET NULL', 'CASCADE'], // optional relation: SetNull
    ]);

    // Implicit many-to-many: _LabelToOther, A = Label (sorts first), B = Other.
    const join = expected.tables.find((t) => t.name === '_LabelToOther')!;
    expect(join.columns.map((c) => [c.name, c.type])).toEqual([['A', 'integer'], ['B', 'bigint']]);
    expect(join.primaryKey?.name).toBe('_LabelToOther_AB_pkey');
    expect(join.indexes.map((i) => i.name)).toEqual(['_LabelToOther_B_index']);
    expect(join.foreignKeys.map((f) => [f.name, f.referencedTable, f.onDelete])).toEqual([
      ['_LabelToOther_A_fkey', 'Label', 'CASCADE'],
      ['_LabelToOther_B_fkey', 'Other', 'CASCADE'],
    ]);
    expect(expected.enums).toEqual([{ name: 'Stage', prismaName: 'Stage', values: ['ENROLLED', 'placed'] }]);
  });
});

describe('parseSqlLiteral (column defaults as PostgreSQL prints them)', () => {
  it.each([
    ["'x''y'::text", { kind: 'string', value: "x'y" }],
    ['42', { kind: 'number', value: '42' }],
    ["'-1'::integer", { kind: 'string', value: '-1' }],
    ['1.50', { kind: 'number', value: '1.50' }],
    ['true', { kind: 'boolean', value: true }],
    ["'{}'::jsonb", { kind: 'string', value: '{}' }],
    ["'placed'::\"Stage\"", { kind: 'string', value: 'placed' }],
    ["ARRAY['a'::text, 'b''c'::text]", { kind: 'array', items: ["'a'::text", "'b''c'::text"] }],
    ['NULL::text', { kind: 'null' }],
    ["nextval('t_id_seq'::regclass)", null],
  ])('%s', (sql, parsed) => {
    expect(parseSqlLiteral(sql)).toEqual(parsed);
  });
});

// The schema below, and what PostgreSQL reports after running the SQL prisma migrate generates for it.
const SCHEMA = `
model Site {
  code      String   @id
  name      String   @db.VarChar(80)
  country   String
  share     Decimal  @db.Decimal(5, 2)
  createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)
  orgs      Org[]

  @@index([country])
  @@map("sites")
}
model Org {
  id       BigInt  @id @default(autoincrement())
  siteCode String  @map("site_code")
  note     String?
  score    Int     @default(-1)
  site     Site    @relation(fields: [siteCode], references: [code])

  @@unique([siteCode, note])
  @@map("orgs")
}
`;

function migrated(): DbSchema {
  const col = (name: string, type: string, notNull: boolean, def: string | null = null) => ({ name, type, typeName: type.replace(/\(.*$/, ''), isArray: false, notNull, default: def, identity: '', generated: '' });
  const index = (name: string, columns: string[], unique: boolean, primary = false) => ({
    name, columns, descending: columns.map(() => false), operatorClasses: columns.map(() => 'text_ops'), defaultOperatorClass: columns.map(() => true),
    unique, primary, method: 'btree', predicate: null, definition: `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${name} ...`,
  });
  const sites: DbTable = {
    name: 'sites',
    columns: [col('code', 'text', true), col('name', 'character varying(80)', true), col('country', 'text', true), col('share', 'numeric(5,2)', true), col('created_at', 'timestamp(3) with time zone', true, 'CURRENT_TIMESTAMP')],
    primaryKey: { name: 'sites_pkey', columns: ['code'] },
    indexes: [index('sites_pkey', ['code'], true, true), index('sites_country_idx', ['country'], false)],
    foreignKeys: [],
    otherConstraints: [],
    triggers: [],
  };
  const orgs: DbTable = {
    name: 'orgs',
    columns: [col('id', 'bigint', true, "nextval('orgs_id_seq'::regclass)"), col('site_code', 'text', true), col('note', 'text', false), col('score', 'integer', true, "'-1'::integer")],
    primaryKey: { name: 'orgs_pkey', columns: ['id'] },
    indexes: [index('orgs_pkey', ['id'], true, true), index('orgs_site_code_note_key', ['site_code', 'note'], true)],
    foreignKeys: [{ name: 'orgs_site_code_fkey', columns: ['site_code'], referencedTable: 'sites', referencedColumns: ['code'], onDelete: 'RESTRICT', onUpdate: 'CASCADE', definition: 'FOREIGN KEY (site_code) REFERENCES sites(code) ON UPDATE CASCADE ON DELETE RESTRICT' }],
    otherConstraints: [],
    triggers: [],
  };
  return { tables: [sites, orgs], enums: [], views: [], sequences: [], functions: [], otherTypes: [], extensions: [] };
}

describe('compareSchemas', () => {
  const expected = expectedOf(SCHEMA);
  const table = (db: DbSchema, name: string) => db.tables.find((t) => t.name === name)!;
  const column = (db: DbSchema, t: string, c: string) => table(db, t).columns.find((x) => x.name === c)!;

  it('finds nothing when the database is what prisma migrate would create', () => {
    expect(compareSchemas(expected, migrated())).toEqual([]);
  });

  it('reports a wrong column type, a missing index and wrong nullability with expected vs actual', () => {
    const db = migrated();
    column(db, 'sites', 'share').type = 'numeric(6,2)';
    column(db, 'orgs', 'note').notNull = true;
    table(db, 'sites').indexes = table(db, 'sites').indexes.filter((i) => i.name !== 'sites_country_idx');
    const differences = compareSchemas(expected, db);
    expect(differences.map((d) => d.message)).toEqual([
      'column sites.share (Site.share): type expected numeric(5,2), actual numeric(6,2)',
      'index sites_country_idx (@@index([country]) on Site) is missing from the database; expected INDEX ON sites USING btree (country)',
      'column orgs.note (Org.note): nullability expected NULL, actual NOT NULL',
    ]);
    expect(differences[0]).toMatchObject({ object: 'column sites.share', prisma: 'Site.share', aspect: 'type', expected: 'numeric(5,2)', actual: 'numeric(6,2)' });
  });

  it('reports defaults, primary keys, foreign key actions and unique/partial index changes', () => {
    const db = migrated();
    column(db, 'sites', 'created_at').default = "'2020-01-01 00:00:00+00'::timestamp with time zone";
    column(db, 'orgs', 'id').default = null;
    column(db, 'orgs', 'score').default = '0';
    table(db, 'sites').primaryKey = { name: 'sites_pk', columns: ['code'] };
    table(db, 'orgs').foreignKeys[0]!.onDelete = 'CASCADE';
    const unique = table(db, 'orgs').indexes.find((i) => i.name === 'orgs_site_code_note_key')!;
    unique.unique = false;
    unique.predicate = '(note IS NOT NULL)';
    expect(compareSchemas(expected, db).map((d) => d.message)).toEqual([
      "column sites.created_at (Site.createdAt): default expected CURRENT_TIMESTAMP, actual '2020-01-01 00:00:00+00'::timestamp with time zone",
      'primary key of sites (@id on Site.code): name expected sites_pkey, actual sites_pk',
      "column orgs.id (Org.id): default expected autoincrement: nextval() of the column's own sequence (SERIAL/BIGSERIAL) or an identity column, actual no default",
      'column orgs.score (Org.score): default expected -1, actual 0',
      'unique index orgs_site_code_note_key (@@unique([siteCode, note]) on Org): uniqueness expected UNIQUE, actual not unique',
      'unique index orgs_site_code_note_key (@@unique([siteCode, note]) on Org): predicate expected none (Prisma indexes are not partial), actual WHERE (note IS NOT NULL)',
      'foreign key orgs_site_code_fkey (relation Org.site): ON DELETE expected RESTRICT, actual CASCADE',
    ]);
  });

  it('accepts identity columns for autoincrement and now() for CURRENT_TIMESTAMP, as Prisma does', () => {
    const db = migrated();
    Object.assign(column(db, 'orgs', 'id'), { default: null, identity: 'd' });
    column(db, 'sites', 'created_at').default = 'now()';
    expect(compareSchemas(expected, db)).toEqual([]);
  });

  it('reports what Prisma does not model unless an allowance with a reason covers it, and stale or unexplained allowances', () => {
    const db = migrated();
    table(db, 'sites').columns.push({ name: 'legacy', type: 'text', typeName: 'text', isArray: false, notNull: false, default: null, identity: '', generated: '' });
    table(db, 'sites').otherConstraints.push({ kind: 'check', name: 'sites_share_range', definition: 'CHECK (share <= 100)' });
    table(db, 'orgs').triggers.push({ name: 'orgs_touch', definition: 'CREATE TRIGGER orgs_touch ...' });
    db.tables.push({ name: '_meic_migrations', columns: [], primaryKey: null, indexes: [], foreignKeys: [], otherConstraints: [], triggers: [] });
    db.functions.push('touch()');
    db.views.push({ name: 'site_counts', kind: 'view' });

    expect(compareSchemas(expected, db).map((d) => d.message)).toEqual([
      'column sites.legacy exists in the database but not in the Prisma schema (text); model it or add an allowance with a reason',
      'check constraint sites.sites_share_range exists in the database but not in the Prisma schema (CHECK (share <= 100)); model it or add an allowance with a reason',
      'trigger orgs.orgs_touch exists in the database but not in the Prisma schema (CREATE TRIGGER orgs_touch ...); model it or add an allowance with a reason',
      'table _meic_migrations exists in the database but not in the Prisma schema (columns ()); model it or add an allowance with a reason',
      'view site_counts exists in the database but not in the Prisma schema (view); model it or add an allowance with a reason',
      'function touch() exists in the database but not in the Prisma schema (function); model it or add an allowance with a reason',
    ]);

    const allow = [
      { kind: 'column', name: 'sites.legacy', reason: 'read by the old export' },
      { kind: 'check', name: 'sites.sites_share_range', reason: 'a percentage' },
      { kind: 'trigger', name: 'orgs.orgs_touch', reason: 'sets updated_at' },
      { kind: 'table', name: '_meic_migrations', reason: 'the migrator' },
      { kind: 'view', name: 'site_counts', reason: 'reporting' },
      { kind: 'function', name: 'touch()', reason: 'the trigger function' },
      { kind: 'index', name: 'sites.sites_gone_idx', reason: 'dropped long ago' },
      { kind: 'sequence', name: 'numbers', reason: '' },
    ] as const;
    expect(compareSchemas(expected, db, { allow }).map((d) => d.message)).toEqual([
      'allowance sequence numbers has no reason; say why the object exists and why Prisma need not model it',
      'allowance index sites.sites_gone_idx matches nothing in the database (reason given: dropped long ago); remove it',
      'allowance sequence numbers matches nothing in the database (reason given: ); remove it',
    ]);
  });

  it('reports a missing table and an index renamed away from its Prisma name', () => {
    const db = migrated();
    db.tables = db.tables.filter((t) => t.name !== 'orgs');
    table(db, 'sites').indexes.find((i) => i.name === 'sites_country_idx')!.name = 'sites_by_country';
    expect(compareSchemas(expected, db).map((d) => d.message)).toEqual([
      'index sites_country_idx (@@index([country]) on Site): name expected sites_country_idx, actual sites_by_country (same columns; Prisma would rename it)',
      'table orgs (model Org) is missing from the database; expected a table with columns (id, site_code, note, score)',
    ]);
  });
});
