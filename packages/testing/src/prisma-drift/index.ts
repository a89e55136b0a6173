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
import { dirname, resolve } from 'node:path';
import { compareSchemas, type DriftAllowance, type DriftDifference } from './compare';
import { getPrismaDmmf } from './dmmf';
import { expectedSchemaFromDmmf, type ExpectedSchema, type ExpectedSchemaOptions } from './expected-schema';
import { introspectDatabase, type DbSchema } from './introspect';

export * from './compare';
export * from './dmmf';
export * from './expected-schema';
export * from './introspect';

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
