// The OpenAPI document and the Express app describe the same API.
import type { Express } from 'express';
import { describe, expect, it } from 'vitest';

import { API_BASE, createApp } from '../../src/service/app.js';
import { readConfig } from '../../src/service/config.js';
import { createKubeSphereGateway } from '../../src/service/jobs/kubesphere.js';
import { JobManager } from '../../src/service/jobs/manager.js';
import { createChartRepository } from '../../src/engine/repo/index.js';
import { createLogger } from '../../src/service/logger.js';
import { createMemoryStores } from '../../src/service/state/memory.js';
import { openApiDocument, schemaValidator } from '../../src/service/validation.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  rawPath?: unknown;
}

/** Every `METHOD path` registered, mounted routers included, in OpenAPI path syntax. */
function routesOf(app: Express): string[] {
  const routes: string[] = [];
  const walk = (stack: Layer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route) {
        const path = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}');
        for (const [method, on] of Object.entries(layer.route.methods))
          if (on && method !== '_all') routes.push(`${method.toUpperCase()} ${path}`);
      } else if (layer.handle.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, `${prefix}${mount}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return routes.sort();
}

function testApp(): Express {
  const config = readConfig({ STATE_BACKEND: 'memory', LOG_LEVEL: 'silent' });
  const logger = createLogger('silent');
  const stores = createMemoryStores();
  const kubesphere = createKubeSphereGateway({ server: 'http://127.0.0.1:9', timeoutMs: 1000 });
  const repos = { factory: createChartRepository, outbound: {}, maxIndexBytes: 1024, maxPackageBytes: 1024 };
  const jobs = new JobManager({
    stores,
    kubesphere,
    repos,
    logger,
    podName: 'p',
    maxRunningJobs: 1,
    maxJobConcurrency: 1,
    serviceAccountTokenFile: '/nonexistent',
    storePackageLimitBytes: 1_048_576,
  });
  return createApp({ config, stores, jobs, kubesphere, repos, logger });
}

describe('OpenAPI document', () => {
  it('lists exactly the routes the app serves', () => {
    const document = openApiDocument();
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) =>
        Object.keys(operations)
          .filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
          .map((method) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    const served = routesOf(testApp());
    expect(served.length).toBeGreaterThan(10);
    expect(served.filter((route) => route.includes(API_BASE)).length).toBe(served.length - 2);
    expect(served).toEqual(documented);
  });

  it('compiles every schema', () => {
    for (const name of Object.keys(openApiDocument().components.schemas))
      expect(() => schemaValidator(name)).not.toThrow();
  });
});
