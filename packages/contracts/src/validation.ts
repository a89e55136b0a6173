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
 * Ajv reports a missing or unknown property against its parent; users need the field itself.
 */
export function toFieldErrors(errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((e) => {
    if (e.keyword === 'required') {
      return { path: `${e.instancePath}/${String(e.params['missingProperty'])}`, message: 'is required' };
    }
    if (e.keyword === 'additionalProperties') {
      return { path: `${e.instancePath}/${String(e.params['additionalProperty'])}`, message: 'is not a known field' };
    }
    return { path: e.instancePath || '/', message: e.message ?? e.keyword };
  });
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
