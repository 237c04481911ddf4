// The HTTP application: request ids and logs, probes, the console bundle's static files under
// /dist/store-importer/ (public, like every JSBundle), the authenticated API under
// /kapis/storeimporter.kubesphere.io/v1alpha1, a 404 Status for anything else, and the one
// error mapping last. It only does HTTP; the parts it uses are given to it (createApp(deps)).
import express, { type Express } from 'express';

import { type AccessChecker, createAccessChecker, createAccessGuard } from './access.js';
import { requireBearer } from './auth.js';
import { type BundleStore, createBundleStore } from './bundles/store.js';
import type { ServiceConfig } from './config.js';
import { errorHandler, sendStatus } from './errors.js';
import type { KubeSphereGateway } from './jobs/kubesphere.js';
import type { RepoAccessOptions } from './jobs/spec.js';
import { type Logger, requestLogging } from './logger.js';
import { accessRoutes } from './routes/access.js';
import { bundleRoutes } from './routes/bundles.js';
import { categoryRoutes } from './routes/categories.js';
import { chartDetailsRoutes } from './routes/chart-details.js';
import type { JobControl, RouteContext } from './routes/context.js';
import { healthRoutes } from './routes/health.js';
import { jobRoutes } from './routes/jobs.js';
import { previewRoutes } from './routes/previews.js';
import { repoRoutes } from './routes/repos.js';
import { syncRoutes } from './routes/syncs.js';
import { workspaceRoutes } from './routes/workspaces.js';
import type { StateStores } from './state/types.js';
import { createSyncService, type SyncService } from './syncs/service.js';
import { limitBodyDepth, schemaValidator } from './validation.js';

export const API_BASE = '/kapis/storeimporter.kubesphere.io/v1alpha1';
/** Where the JSBundle (charts/backend/templates/extensions.yaml) loads the console bundle from. */
export const BUNDLE_BASE = '/dist/store-importer';

export interface AppDeps {
  config: ServiceConfig;
  stores: StateStores;
  jobs: JobControl;
  /** Default: the sync service over `stores` and `jobs`. */
  syncs?: SyncService;
  /** KubeSphere as a given token: the App Store client factory and the service's other calls. */
  kubesphere: KubeSphereGateway;
  /** Repository client factory, outbound policy seams and size caps. */
  repos: RepoAccessOptions;
  logger: Logger;
  /** Default: asks KubeSphere, caching a yes for 30 s. */
  access?: AccessChecker;
  /**
   * The uploaded bundles; the job manager's `repos.bundles` must be the same store. Default: a
   * store of `config`'s limits (used as `repos.bundles` too when that is not given).
   */
  bundles?: BundleStore;
}

export function createApp(deps: AppDeps): Express {
  const bundles = deps.bundles ?? createBundleStore(deps.config);
  // The caller's own object when it has the store: its limits stay the ones the routes read.
  const repos: RepoAccessOptions = deps.repos.bundles ? deps.repos : { ...deps.repos, bundles };
  // Compile the request schemas now: a broken OpenAPI document fails the start, not a request.
  for (const name of [
    'PreviewRequest',
    'ChartDetailsRequest',
    'CreateJobRequest',
    'CreateSyncRequest',
    'UpdateSyncRequest',
    'AccessReviewRequest',
  ])
    schemaValidator(name);
  // One checker for the routes' guard and POST /accessreviews: both share its cached answers.
  const access = deps.access ?? createAccessChecker(deps.kubesphere);
  const context: RouteContext = {
    config: deps.config,
    stores: deps.stores,
    jobs: deps.jobs,
    syncs:
      deps.syncs ??
      createSyncService({
        stores: deps.stores,
        jobs: deps.jobs,
        kubesphere: deps.kubesphere,
        repos,
        logger: deps.logger,
        maxJobConcurrency: deps.config.maxJobConcurrency,
      }),
    kubesphere: deps.kubesphere,
    allow: createAccessGuard(access, deps.config.requestTimeoutMs),
    access,
    repos,
    logger: deps.logger,
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestLogging(deps.logger));

  const probes = express.Router();
  healthRoutes(probes, context);
  app.use(probes);

  // The console fetches the bundle through ks-apiserver without a user token: no auth here, no
  // directory listings, no dotfiles; a missing file falls through to the 404 Status below.
  app.use(
    BUNDLE_BASE,
    express.static(deps.config.frontendDistDir, { index: false, dotfiles: 'ignore', redirect: false }),
  );

  const api = express.Router();
  previewRoutes(api, context);
  bundleRoutes(api, context, bundles);
  chartDetailsRoutes(api, context);
  repoRoutes(api, context);
  accessRoutes(api, context);
  categoryRoutes(api, context);
  workspaceRoutes(api, context);
  jobRoutes(api, context);
  syncRoutes(api, context);
  app.use(
    API_BASE,
    requireBearer(),
    express.json({ limit: deps.config.maxBodyBytes, type: ['application/json', 'application/*+json'] }),
    limitBodyDepth(),
    api,
  );

  app.use((req, res) => {
    sendStatus(res, 404, 'NotFound', `no route for ${req.method} ${req.path.slice(0, 200)}`);
  });
  app.use(errorHandler(deps.logger));
  return app;
}
