// The API's contract, generated from its single source, the OpenAPI document
// (backend/openapi/storeimporter.v1alpha1.yaml; `npm run generate:api`): every schema as a type of
// the same name, each enum's values, each schema's bounds and patterns, and every operation's
// request and answers. The service's request and response types and the console plugin's client
// and forms come from here. Importing it brings in no code but those values.
import type { operations } from './generated/openapi.js';

export * from './generated/openapi.js';
export { schemaLimits } from './generated/limits.js';

/** The name of an operation of the API (its `operationId`). */
export type OperationId = keyof operations;

type JsonContent<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;

type SuccessCode = 200 | 201 | 202;

/** The JSON body an operation answers with when it succeeds. */
export type SuccessBody<Id extends OperationId> = JsonContent<
  operations[Id]['responses'][SuccessCode & keyof operations[Id]['responses']]
>;

/** The JSON body an operation takes. */
export type RequestBody<Id extends OperationId> = operations[Id] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/** The query parameters an operation takes. */
export type QueryOf<Id extends OperationId> = NonNullable<operations[Id]['parameters']['query']>;
