import { EVENT_CATALOG, type EventDataOf, type EventType } from '@meic/contracts';

/**
 * A typed mapping from events to a ClickHouse table: each column is an aggregate or expression
 * over `events`, built from the event types and fields it reads. A field is named as the event's
 * data names it (checked by the compiler against the catalogue) and extracted as the catalogue's
 * schema types it (checked when the SQL is built), so the mapping cannot drift from the contract.
 */

/** A column of a projection: its ClickHouse type and the expression that fills it. */
export interface Column {
  type: string;
  expr: string;
}

export interface Projection {
  /** Table name; its materialised view is `<name>_mv`. */
  name: string;
  engine: string;
  orderBy: string;
  /** In order; the key column(s) first. */
  columns: Record<string, Column>;
  /** FROM … WHERE … [GROUP BY …] of the view, over `{db}.events` (or a subquery of it). */
  from: string;
}

const literal = (v: string | number | boolean): string => (typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v));

type JsonType = 'string' | 'integer' | 'number' | 'boolean';

interface SchemaNode {
  type?: unknown;
  const?: unknown;
  properties?: Record<string, SchemaNode>;
  anyOf?: SchemaNode[];
}

function jsonTypeOf(type: EventType, path: readonly string[]): JsonType {
  let schema: SchemaNode | undefined = EVENT_CATALOG[type].schema as SchemaNode;
  for (const key of path) schema = schema?.properties?.[key];
  // An enum is anyOf its literals, a nullable field anyOf [T, null]: the non-null branches must agree.
  const types = new Set(scalarTypes(schema));
  const [t] = types;
  if (types.size === 1 && (t === 'string' || t === 'integer' || t === 'number' || t === 'boolean')) return t;
  throw new Error(`${type} has no scalar field ${path.join('.')}`);
}

function scalarTypes(schema: SchemaNode | undefined): unknown[] {
  if (!schema) return [];
  if (schema.anyOf) return schema.anyOf.flatMap(scalarTypes);
  // Literal whole numbers (3 | 6 | 12) are read as integers.
  if (typeof schema.const === 'number' && Number.isInteger(schema.const)) return ['integer'];
  return schema.type === 'null' ? [] : [schema.type];
}

const EXTRACT: Record<JsonType, string> = { string: 'JSONExtractString', integer: 'JSONExtractInt', number: 'JSONExtractFloat', boolean: 'JSONExtractBool' };

type FieldOf<T extends EventType> = keyof EventDataOf<T> & string;

/** SQL over the events of one type: the condition that selects them and their typed fields. */
export class EventsOf<T extends EventType> {
  constructor(
    readonly type: T,
    private readonly typeColumn = 'type',
  ) {}

  /** The same events where a subquery names their type column otherwise (its output has a column `type` of its own). */
  typedBy(column: string): EventsOf<T> {
    return new EventsOf(this.type, column);
  }

  /** `type = '<type>'`, with any further conditions. */
  is(...and: string[]): string {
    return [`${this.typeColumn} = ${literal(this.type)}`, ...and].join(' AND ');
  }

  /** A scalar field of the data, as the catalogue's schema types it. */
  field(name: FieldOf<T>): string {
    return `${EXTRACT[jsonTypeOf(this.type, [name])]}(data, ${literal(name)})`;
  }

  /** A scalar inside an object field (`targets.enrolled`), cast to a ClickHouse type. */
  nested<K extends FieldOf<T>>(name: K, inner: keyof NonNullable<EventDataOf<T>[K]> & string, chType: string): string {
    jsonTypeOf(this.type, [name, inner]);
    return `JSONExtract(data, ${literal(name)}, ${literal(inner)}, ${literal(chType)})`;
  }

  eq(name: FieldOf<T>, value: string | number | boolean): string {
    return `${this.field(name)} = ${literal(value)}`;
  }

  in(name: FieldOf<T>, values: readonly (string | number)[]): string {
    return `${this.field(name)} IN (${values.map(literal).join(', ')})`;
  }
}

export const on = <T extends EventType>(type: T): EventsOf<T> => new EventsOf(type);

/** `type IN (…)` of several event types. */
export const anyOf = (...events: EventsOf<EventType>[]): string => `type IN (${events.map((e) => literal(e.type)).join(', ')})`;

// Aggregates of an AggregatingMergeTree: min and max give the same answer however often they see
// a row, so a redelivered event (stored twice until the merge) never counts twice.

/** The first day an event of this kind (and condition) occurred. */
export const firstOn = (events: EventsOf<EventType>, ...and: string[]): Column => ({
  type: 'SimpleAggregateFunction(min, Nullable(Date32))',
  expr: `minIf(toNullable(occurred_on), ${events.is(...and)})`,
});

/** A text attribute the event of this kind carries (one per key). */
export const attribute = (events: EventsOf<EventType>, expr: string): Column => ({
  type: 'SimpleAggregateFunction(max, String)',
  expr: `max(if(${events.is()}, ${expr}, ''))`,
});

/** A plain column: a value of each row. */
export const value = (type: string, expr: string): Column => ({ type, expr });

export interface ProjectionSql {
  table: string;
  view: string;
  /** Fills the table from the events stored before the view existed. */
  backfill: string;
}

/** The statements of a projection, `{db}` standing for the database. */
export function projectionSql(p: Projection): ProjectionSql {
  const cols = Object.entries(p.columns);
  const select = `SELECT\n${cols.map(([name, c]) => `    ${c.expr} AS ${name}`).join(',\n')}\n${p.from}`;
  return {
    table: `CREATE TABLE {db}.${p.name}\n(\n${cols.map(([name, c]) => `    ${name} ${c.type}`).join(',\n')}\n)\nENGINE = ${p.engine}\nORDER BY ${p.orderBy}`,
    view: `CREATE MATERIALIZED VIEW {db}.${p.name}_mv TO {db}.${p.name} AS\n${select}`,
    backfill: `INSERT INTO {db}.${p.name}\n${select}`,
  };
}
