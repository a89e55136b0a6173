import Ajv, { type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EVENT_CATALOG, isEventType, type EventDataOf, type EventType } from './event-catalog';

export interface FieldError {
  /** JSON Pointer of the offending field, e.g. `/targets/enrolled`. */
  path: string;
  message: string;
}

/** One Ajv for the whole process: compiling schemas is the expensive part, validation is cheap. */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, ...options });
  addFormats(ajv);
  return ajv;
}

/**
 * Ajv reports a missing or unknown property against its parent, and a value outside a union
 * of literals once per literal plus once for the union; users need one message per field.
 */
export function toFieldErrors(errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  const list = errors ?? [];
  // Errors raised inside an anyOf branch are summarised by the anyOf error itself.
  const unions = list.filter((e) => e.keyword === 'anyOf');
  const inUnion = (e: ErrorObject) => e.keyword !== 'anyOf' && unions.some((u) => e.instancePath === u.instancePath && e.schemaPath.startsWith(`${u.schemaPath}/`));
  const out: FieldError[] = [];
  for (const e of list) {
    if (inUnion(e)) continue;
    if (e.keyword === 'required') {
      out.push({ path: `${e.instancePath}/${String(e.params['missingProperty'])}`, message: 'is required' });
    } else if (e.keyword === 'additionalProperties') {
      out.push({ path: `${e.instancePath}/${String(e.params['additionalProperty'])}`, message: 'is not a known field' });
    } else if (e.keyword === 'anyOf') {
      const allowed = list.filter((b) => b.keyword === 'const' && b.instancePath === e.instancePath && b.schemaPath.startsWith(`${e.schemaPath}/`)).map((b) => JSON.stringify(b.params['allowedValue']));
      const branches = list.filter((b) => b.instancePath === e.instancePath && b.schemaPath.startsWith(`${e.schemaPath}/`) && b.keyword !== 'anyOf').length;
      // A union of literals (an enum) reads best as its list of values; another union keeps Ajv's words.
      out.push({ path: e.instancePath || '/', message: allowed.length > 0 && allowed.length === branches ? `must be one of ${allowed.join(', ')}` : (e.message ?? 'is invalid') });
    } else {
      out.push({ path: e.instancePath || '/', message: e.message ?? e.keyword });
    }
  }
  return out;
}

let eventAjv: Ajv | undefined;
const validators = new Map<EventType, ValidateFunction>();

function validatorFor(type: EventType): ValidateFunction {
  let v = validators.get(type);
  if (!v) {
    eventAjv ??= createAjv();
    v = eventAjv.compile(EVENT_CATALOG[type].schema);
    validators.set(type, v);
  }
  return v;
}

export type EventValidation<T extends EventType> =
  | { ok: true; type: T; data: EventDataOf<T> }
  | { ok: false; reason: string; errors: FieldError[] };

/** Validates `data` against the JSON Schema of its `ce_type`. Unknown types are invalid too. */
export function validateEventData(type: string, data: unknown): EventValidation<EventType> {
  if (!isEventType(type)) {
    return { ok: false, reason: `unknown event type '${type}'`, errors: [] };
  }
  const validate = validatorFor(type);
  if (validate(data)) {
    return { ok: true, type, data: data as EventDataOf<EventType> };
  }
  const errors = toFieldErrors(validate.errors);
  return { ok: false, reason: `${type}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors };
}

