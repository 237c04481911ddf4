// Request bodies are validated against the JSON Schemas of the OpenAPI document
// (backend/openapi/storeimporter.v1alpha1.yaml), loaded and compiled once. The document is the
// contract: what it says is what the service accepts.
import { readFileSync } from 'node:fs';

import type { Request, RequestHandler } from 'express';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

import type { AccessReviewRequest, ChartDetailsRequest } from '../contract/index.js';
import {
  clientCertificateProblem,
  describeClientCertificateProblem,
  refused,
  type Message,
  type RequestWhy,
} from '../engine/index.js';
import { ValidationError } from './errors.js';
import type {
  CreateJobRequest,
  CreateSyncRequest,
  PreviewRequest,
  UpdateSyncRequest,
} from './jobs/requests.js';

export const OPENAPI_PATH = new URL('../../openapi/storeimporter.v1alpha1.yaml', import.meta.url);

/** The request bodies the service validates, by schema name. */
export interface RequestBodies {
  PreviewRequest: PreviewRequest;
  CreateJobRequest: CreateJobRequest;
  CreateSyncRequest: CreateSyncRequest;
  UpdateSyncRequest: UpdateSyncRequest;
  ChartDetailsRequest: ChartDetailsRequest;
  AccessReviewRequest: AccessReviewRequest;
}
export type BodySchema = keyof RequestBodies;

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

let cached: { document: OpenApiDocument; ajv: Ajv2020 } | undefined;

/** The OpenAPI document, parsed once. */
export function openApiDocument(): OpenApiDocument {
  return compiler().document;
}

function compiler(): { document: OpenApiDocument; ajv: Ajv2020 } {
  if (cached) return cached;
  const document = parse(readFileSync(OPENAPI_PATH, 'utf8')) as OpenApiDocument;
  const ajv = new Ajv2020({
    allErrors: false,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    verbose: true,
    useDefaults: true,
  });
  // ajv-formats is CommonJS with `exports.default`: under NodeNext the default import is the module.
  addFormats.default(ajv);
  // Our own annotation: the message to give when a oneOf/anyOf fails.
  ajv.addKeyword({ keyword: 'x-error-message', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'components' });
  ajv.addSchema({ $id: 'storeimporter', components: document.components });
  cached = { document, ajv };
  return cached;
}

const validators = new Map<string, ValidateFunction>();

/** The compiled validator of a component schema. */
export function schemaValidator(name: string): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    const { ajv } = compiler();
    validate = ajv.compile({ $ref: `storeimporter#/components/schemas/${name}` });
    validators.set(name, validate);
  }
  return validate;
}

const bodies = new WeakMap<Request, unknown>();

/** Deeper than any request of the API (about 4 levels); far below where recursion overflows. */
export const MAX_BODY_DEPTH = 32;

/** Whether arrays and objects nest more than `limit` levels in `value`; iterative, so any depth is safe. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; level: number }[] = [{ value, level: 1 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.level > limit) return true;
    for (const child of Object.values(next.value)) stack.push({ value: child, level: next.level + 1 });
  }
  return false;
}

/**
 * Refuses a parsed body nested deeper than MAX_BODY_DEPTH, before anything walks it recursively
 * (structuredClone, the schema validator, the logger) and overflows the stack: 400, not 500.
 */
export function limitBodyDepth(): RequestHandler {
  return (req, _res, next) => {
    const body: unknown = req.body;
    next(
      nestsDeeperThan(body, MAX_BODY_DEPTH)
        ? new ValidationError(
            refused(
              `the request body nests arrays and objects more than ${MAX_BODY_DEPTH} levels deep; no request of this API needs that many`,
              'too-deep',
              'body',
              { depth: MAX_BODY_DEPTH },
            ),
          )
        : undefined,
    );
  };
}

/** Validates `req.body` against the named schema (defaults filled in); 400 naming the field otherwise. */
export function validateBody(name: BodySchema): RequestHandler {
  const validate = schemaValidator(name);
  return (req, _res, next) => {
    const body: unknown = req.body;
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
      next(
        new ValidationError(
          refused(
            'the request body must be a JSON object (Content-Type: application/json)',
            'not-object',
            'body',
          ),
        ),
      );
      return;
    }
    const copy: unknown = structuredClone(body);
    if (!validate(copy)) {
      next(new ValidationError(requestProblem(validate.errors ?? [])));
      return;
    }
    const problem = sourceCertificateProblem(copy);
    if (problem !== undefined) {
      next(new ValidationError(problem));
      return;
    }
    bodies.set(req, copy);
    next();
  };
}

/**
 * What the schema cannot say of a source's client certificate: that it parses and that the key is
 * its own. The sentence never quotes either.
 */
function sourceCertificateProblem(body: unknown): Message | undefined {
  const source: unknown =
    typeof body === 'object' && body !== null && 'source' in body ? body.source : undefined;
  if (typeof source !== 'object' || source === null) return undefined;
  const text = (key: string): string | undefined => {
    const value: unknown = (source as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : undefined;
  };
  const problem = clientCertificateProblem(text('certPem'), text('keyPem'));
  if (problem === undefined) return undefined;
  const names = { cert: 'source.certPem', key: 'source.keyPem' };
  const why = problem === 'incomplete' ? 'certificate-incomplete' : problem;
  const field = problem.startsWith('key-') ? names.key : names.cert;
  return refused(describeClientCertificateProblem(problem, names), why, field, names);
}

/** The body `validateBody(name)` accepted for this request. */
export function validatedBody<N extends BodySchema>(req: Request, _name: N): RequestBodies[N] {
  if (!bodies.has(req)) throw new Error('validatedBody without validateBody');
  return bodies.get(req) as RequestBodies[N];
}

/**
 * The refusal of a body the schema refuses, as a message: one sentence naming the field (e.g.
 * `body.source.url is invalid: ...`), and why by the schema's rule.
 */
export function requestProblem(errors: readonly ErrorObject[]): Message {
  // A failed oneOf/anyOf reports its branches' errors too: the one branch the body has the required
  // keys of says best what is wrong; when none or several fit, the combinator's own message.
  const combinator = errors.find(
    (error) => (error.keyword === 'oneOf' || error.keyword === 'anyOf') && hasMessage(error.parentSchema),
  );
  const branchError = combinator && closestBranchError(errors, combinator);
  if (branchError) return requestProblem([branchError]);
  const error = combinator ?? errors.find((candidate) => candidate.keyword !== 'if') ?? errors[0];
  if (!error) return refused('the request body is invalid', 'invalid-value', 'body');
  const path = `body${error.instancePath.replace(/\/([^/]+)/g, (_m, part: string) =>
    /^[0-9]+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`,
  )}`;
  if (combinator && hasMessage(error.parentSchema))
    return refused(`${path} ${error.parentSchema['x-error-message']}`, 'one-of', path);
  const params = error.params as Record<string, unknown>;
  // A key of a map (propertyNames) failed: name the key, not only the map.
  if (error.propertyName !== undefined) {
    const description = describedBy(error.parentSchema);
    const key = JSON.stringify(error.propertyName.slice(0, 100));
    return refused(
      `${path} has an invalid key ${key}${description ? `: ${description}` : ''}`,
      'bad-key',
      path,
      { key },
    );
  }
  const named: Record<string, string | number> = {};
  if (typeof params.limit === 'number') named.limit = params.limit;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues))
    named.allowed = params.allowedValues.map((value) => JSON.stringify(value)).join(', ');
  if (error.keyword === 'const') named.allowed = JSON.stringify(params.allowedValue);
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = `${path}.${String(params.additionalProperty)}`;
      return refused(`${field} is not a known field`, 'unknown-field', field);
    }
    case 'required': {
      const field = `${path}.${String(params.missingProperty)}`;
      return refused(`${field} is required`, 'required', field);
    }
    case 'dependentRequired': {
      const field = `${path}.${String(params.missingProperty)}`;
      const other = `${path}.${String(params.property)}`;
      return refused(`${field} is required with ${String(params.property)}`, 'required-with', field, {
        other,
      });
    }
    case 'pattern': {
      const description = describedBy(error.parentSchema);
      return refused(
        `${path} is invalid${description ? `: ${description}` : ` (must match ${String(params.pattern)})`}`,
        'invalid-value',
        path,
      );
    }
    default:
      return refused(
        `${path} ${error.message ?? 'is invalid'}`,
        RULE_WHY[error.keyword] ?? 'invalid-value',
        path,
        named,
      );
  }
}

/** Why by the schema keyword that refused the value; any other keyword is 'invalid-value'. */
const RULE_WHY: Readonly<Record<string, RequestWhy>> = {
  type: 'wrong-type',
  enum: 'not-allowed',
  const: 'not-allowed',
  maxLength: 'too-long',
  minLength: 'too-short',
  maxItems: 'too-many',
  minItems: 'too-few',
  maxProperties: 'too-many',
  maximum: 'too-large',
  exclusiveMaximum: 'too-large',
  minimum: 'too-small',
  exclusiveMinimum: 'too-small',
  uniqueItems: 'duplicate-items',
  format: 'invalid-value',
};

/**
 * The error of the only branch of a failed combinator that did not fail for a missing key at the
 * combinator's own place (a branch whose required keys the body has), or undefined. Validation
 * stops at a branch's first error, so the errors just before the combinator's are its branches',
 * one each, in order.
 */
function closestBranchError(
  errors: readonly ErrorObject[],
  combinator: ErrorObject,
): ErrorObject | undefined {
  const branches: unknown = combinator.schema;
  const at = errors.indexOf(combinator);
  if (!Array.isArray(branches) || at < branches.length) return undefined;
  const fitting = errors
    .slice(at - branches.length, at)
    .filter((error) => !(error.keyword === 'required' && error.instancePath === combinator.instancePath));
  return fitting.length === 1 ? fitting[0] : undefined;
}

function hasMessage(schema: unknown): schema is { 'x-error-message': string } {
  return (
    typeof schema === 'object' &&
    schema !== null &&
    typeof (schema as Record<string, unknown>)['x-error-message'] === 'string'
  );
}

function describedBy(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  const description = (schema as Record<string, unknown>).description;
  return typeof description === 'string' ? description : undefined;
}
