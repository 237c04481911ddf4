// The generated contract is what the OpenAPI document gives today: a change to the document
// without `npm run generate:api` fails here.
import { describe, expect, it } from 'vitest';

import { staleFiles } from './generate-api.js';

describe('the generated API contract', () => {
  it('is current with backend/openapi/storeimporter.v1alpha1.yaml', async () => {
    expect(await staleFiles(), 'run npm run generate:api').toEqual([]);
  });
});
