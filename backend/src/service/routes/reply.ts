// Success answers, typed by the contract: a body that the OpenAPI document does not describe for
// that operation does not compile. Errors are answered by errors.ts.
import type { Response } from 'express';

import type { OperationId, SuccessBody } from '../../contract/index.js';

export function reply<Id extends OperationId>(
  res: Response,
  _operation: Id,
  body: SuccessBody<Id>,
  status: 200 | 201 | 202 = 200,
): void {
  res.status(status).json(body);
}
