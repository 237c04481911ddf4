// POST /previews: what an import would do, without downloading or writing anything.
import type { Router } from 'express';

import { previewRepository } from '../../engine/index.js';
import { callerOf } from '../auth.js';
import { categoryMapOf, categoryRulesOf, openRepository, resolveSource, selectionOf } from '../jobs/spec.js';
import { checkVerifySettings, verifySettingsOf } from '../jobs/verify.js';
import { validateBody, validatedBody } from '../validation.js';
import { withDeadline } from '../deadline.js';
import type { RouteContext } from './context.js';
import { reply } from './reply.js';
import { knownWorkspace } from './workspaces.js';

/**
 * Share of REQUEST_TIMEOUT_MS after which package size lookups stop (the sizes not known by then
 * stay unknown), so that slow lookups never cost the whole preview its answer.
 */
const SIZE_BUDGET_SHARE = 0.75;

export function previewRoutes(router: Router, context: RouteContext): void {
  const { config } = context;
  router.post(
    '/previews',
    validateBody('PreviewRequest'),
    knownWorkspace(context, (req) => validatedBody(req, 'PreviewRequest').workspace),
    async (req, res) => {
      const body = validatedBody(req, 'PreviewRequest');
      // Checked before anything is asked of KubeSphere or the repository.
      const categoryRules = categoryRulesOf(body.categoryRules);
      await checkVerifySettings(body.verify, body.source);
      const signaturePolicy = verifySettingsOf(body.verify)?.policy;
      const { token } = callerOf(req);
      const budget = AbortSignal.timeout(Math.floor(config.requestTimeoutMs * SIZE_BUDGET_SHARE));
      const preview = await withDeadline(req, res, config.requestTimeoutMs, async (signal) => {
        const { source, credentials } = await resolveSource(
          body.source,
          context.kubesphere,
          token,
          signal,
          context.repos.bundles,
        );
        const repo = openRepository(source, credentials, context.repos);
        // The store is read as the caller: KubeSphere decides what they may see.
        const store = context.kubesphere.store(token, body.workspace);
        const categories = categoryMapOf(body.categories);
        return previewRepository(repo, store, {
          repoUrl: source.url,
          selection: selectionOf({
            versions: body.versions ?? 'latest',
            charts: body.charts,
            includeDeprecated: body.includeDeprecated ?? false,
          }),
          concurrency: config.maxJobConcurrency,
          ...(categories ? { categories } : {}),
          ...(categoryRules ? { categoryRules } : {}),
          sizes: body.sizes ?? 'latest',
          ...(body.prune ? { prune: true } : {}),
          ...(body.adopt ? { adopt: true } : {}),
          packageLimitBytes: config.storePackageLimitBytes,
          sizeLookups: { budget },
          signal,
        });
      });
      // A preview downloads no package: it says which policy an import will apply.
      reply(res, 'createPreview', signaturePolicy ? { ...preview, signaturePolicy } : preview);
    },
  );
}
