// API error Status objects and field errors, copied from
//   k8s.io/apimachinery/pkg/api/errors/errors.go (NewNotFound, NewAlreadyExists, NewConflict, NewInvalid,
//     NewForbidden, NewBadRequest, NewMethodNotSupported, NewResourceExpired, NewInternalError, NewTimeoutError)
//   k8s.io/apimachinery/pkg/util/validation/field/errors.go (Error.ErrorBody, ErrorType.String, ToAggregate)
//   k8s.io/apimachinery/pkg/util/errors/errors.go (aggregate.Error)
//   k8s.io/apimachinery/pkg/apis/meta/v1/types.go (Status JSON field order)

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code?: number;
}

/** A group and a resource (plural) or kind, printed like schema.GroupResource.String(). */
export interface GroupThing {
  group: string;
  name: string;
}

export function qualified(g: GroupThing): string {
  return g.group === '' ? g.name : `${g.name}.${g.group}`;
}

/** Builds a Status with Go's field order (omitempty fields left out). */
export function status(
  code: number,
  reason: string,
  message: string,
  details?: StatusDetails,
  st: 'Failure' | 'Success' = 'Failure',
): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: st };
  if (message) s.message = message;
  if (reason) s.reason = reason;
  if (details) s.details = cleanDetails(details);
  if (code) s.code = code;
  return s;
}

function cleanDetails(d: StatusDetails): StatusDetails {
  const out: StatusDetails = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.uid) out.uid = d.uid;
  if (d.causes && d.causes.length > 0) out.causes = d.causes;
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

/** An error carrying the Status the server answers with. */
export class ApiError extends Error {
  readonly warnings: string[] = [];
  constructor(readonly body: Status) {
    super(body.message ?? body.reason ?? 'error');
  }
  get code(): number {
    return this.body.code ?? 500;
  }
}

export const OptimisticLockErrorMsg =
  'the object has been modified; please apply your changes to the latest version and try again';

export function notFound(gr: GroupThing, name: string): ApiError {
  return new ApiError(
    status(404, 'NotFound', `${qualified(gr)} "${name}" not found`, {
      name,
      group: gr.group,
      kind: gr.name,
    }),
  );
}

export function alreadyExists(gr: GroupThing, name: string): ApiError {
  return new ApiError(
    status(409, 'AlreadyExists', `${qualified(gr)} "${name}" already exists`, {
      name,
      group: gr.group,
      kind: gr.name,
    }),
  );
}

export function conflict(gr: GroupThing, name: string, err: string): ApiError {
  return new ApiError(
    status(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${err}`, {
      name,
      group: gr.group,
      kind: gr.name,
    }),
  );
}

export function forbidden(gr: GroupThing, name: string, err: string): ApiError {
  const message =
    gr.name === '' && gr.group === ''
      ? `forbidden: ${err}`
      : name === ''
        ? `${qualified(gr)} is forbidden: ${err}`
        : `${qualified(gr)} "${name}" is forbidden: ${err}`;
  return new ApiError(status(403, 'Forbidden', message, { name, group: gr.group, kind: gr.name }));
}

export function unauthorized(): ApiError {
  return new ApiError(status(401, 'Unauthorized', 'Unauthorized'));
}

export function badRequest(message: string): ApiError {
  return new ApiError(status(400, 'BadRequest', message));
}

export function methodNotSupported(gr: GroupThing, action: string): ApiError {
  return new ApiError(
    status(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${qualified(gr)}"`, {
      group: gr.group,
      kind: gr.name,
    }),
  );
}

export function resourceExpired(message: string): ApiError {
  return new ApiError(status(410, 'Expired', message));
}

export function internalError(err: string): ApiError {
  return new ApiError(
    status(500, 'InternalError', `Internal error occurred: ${err}`, { causes: [{ message: err }] }),
  );
}

/** ErrorToAPIStatus for a plain Go error (reason Unknown = omitted). */
export function unknownError(code: number, message: string): ApiError {
  return new ApiError(status(code, '', message));
}

export function tooLargeResourceVersion(requested: number, current: number): ApiError {
  return new ApiError(
    status(504, 'Timeout', `Too large resource version: ${requested}, current: ${current}`, {
      causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      retryAfterSeconds: 1,
    }),
  );
}

/** negotiation.NewUnsupportedMediaTypeError */
export function unsupportedMediaType(accepted: string[]): ApiError {
  return new ApiError(
    status(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    ),
  );
}

// ---- field errors (field/errors.go) ----

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const typeText: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** A value printed with Go's %#v verbatim (e.g. uint64 0 is `0x0`). */
export class GoSyntax {
  constructor(readonly text: string) {}
}
export const omitValue = new GoSyntax('<omit>');

export interface FieldError {
  type: FieldErrorType;
  field: string;
  badValue: unknown;
  detail: string;
}

/** Go's %q for a string (strconv.Quote; JSON escaping is identical for printable text). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** Go's %#v of a value decoded from JSON into interface{} (map keys sorted, like fmt). */
export function goSyntax(v: unknown): string {
  if (v instanceof GoSyntax) return v.text;
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    return `map[string]interface {}{${keys.map((k) => `${goQuote(k)}:${goSyntax(o[k])}`).join(', ')}}`;
  }
  return JSON.stringify(v);
}

export function errorBody(e: FieldError): string {
  let s: string;
  if (
    e.type === 'FieldValueRequired' ||
    e.type === 'FieldValueForbidden' ||
    e.type === 'FieldValueTooLong' ||
    e.type === 'InternalError' ||
    e.badValue === omitValue
  ) {
    s = typeText[e.type];
  } else {
    const v = e.badValue;
    if (v === null || v === undefined) s = `${typeText[e.type]}: null`;
    else if (typeof v === 'string') s = `${typeText[e.type]}: ${goQuote(v)}`;
    else if (typeof v === 'number' || typeof v === 'boolean') s = `${typeText[e.type]}: ${String(v)}`;
    else s = `${typeText[e.type]}: ${goSyntax(v)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

export const fe = {
  required: (field: string, detail = ''): FieldError => ({
    type: 'FieldValueRequired',
    field,
    badValue: '',
    detail,
  }),
  invalid: (field: string, value: unknown, detail: string): FieldError => ({
    type: 'FieldValueInvalid',
    field,
    badValue: value,
    detail,
  }),
  typeInvalid: (field: string, value: unknown, detail: string): FieldError => ({
    type: 'FieldValueTypeInvalid',
    field,
    badValue: value,
    detail,
  }),
  notSupported: (field: string, value: unknown, valid: string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    badValue: value,
    detail: valid.length > 0 ? `supported values: ${valid.map(goQuote).join(', ')}` : '',
  }),
  forbidden: (field: string, detail: string): FieldError => ({
    type: 'FieldValueForbidden',
    field,
    badValue: '',
    detail,
  }),
  notFound: (field: string, value: unknown): FieldError => ({
    type: 'FieldValueNotFound',
    field,
    badValue: value,
    detail: '',
  }),
  duplicate: (field: string, value: unknown): FieldError => ({
    type: 'FieldValueDuplicate',
    field,
    badValue: value,
    detail: '',
  }),
  /** field.TooLong: "must have at most N bytes" */
  tooLong: (field: string, value: unknown, max: number): FieldError => ({
    type: 'FieldValueTooLong',
    field,
    badValue: value,
    detail: `must have at most ${max} bytes`,
  }),
  /** field.TooLongMaxLength (CRD maxLength) */
  tooLongMaxLength: (field: string, value: unknown, max: number): FieldError => ({
    type: 'FieldValueTooLong',
    field,
    badValue: value,
    detail: max >= 0 ? `may not be longer than ${max}` : 'value is too long',
  }),
  tooMany: (field: string, actual: number, max: number): FieldError => ({
    type: 'FieldValueTooMany',
    field,
    badValue: actual >= 0 ? actual : omitValue,
    detail: max >= 0 ? `must have at most ${max} items` : 'has too many items',
  }),
};

/** utilerrors.NewAggregate(...).Error() after field.ErrorList.ToAggregate() de-duplication. */
export function aggregate(errs: FieldError[]): string {
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const e of errs) {
    const m = fieldErrorString(e);
    if (seen.has(m)) continue;
    seen.add(m);
    msgs.push(m);
  }
  if (msgs.length === 1) return msgs[0] ?? '';
  return `[${msgs.join(', ')}]`;
}

/** errors.NewInvalid(qualifiedKind, name, errs) */
export function invalid(gk: GroupThing, name: string, errs: FieldError[]): ApiError {
  const causes = errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
  const agg = aggregate(errs);
  const message = agg
    ? `${qualified(gk)} "${name}" is invalid: ${agg}`
    : `${qualified(gk)} "${name}" is invalid`;
  const s = status(422, 'Invalid', message, { name, group: gk.group, kind: gk.name });
  // causes are always present on Invalid (an empty list is omitted by omitempty)
  if (causes.length > 0 && s.details) s.details.causes = causes;
  return new ApiError(s);
}
