// POST /previews: what an import would do, without downloading or writing anything.
import type { Router } from 'express';

import { previewRepository } from '../../engine/run/preview.js';
import { callerOf } from '../auth.js';
import { openRepository, resolveSource, selectionOf } from '../jobs/spec.js';
import { validateBody, validatedBody } from '../validation.js';
import { type RouteContext, withDeadline } from './context.js';

export function previewRoutes(router: Router, context: RouteContext): void {
  router.post('/previews', validateBody('PreviewRequest'), async (req, res) => {
    const body = validatedBody(req, 'PreviewRequest');
    const { token } = callerOf(req);
    const preview = await withDeadline(req, res, context.config.requestTimeoutMs, async (signal) => {
      const { source, credentials } = await resolveSource(body.source, context.kubesphere, token, signal);
      const repo = openRepository(source, credentials, context.repos);
      // The store is read as the caller: KubeSphere decides what they may see.
      const store = context.kubesphere.store(token, body.workspace);
      return previewRepository(repo, store, {
        repoUrl: source.url,
        selection: selectionOf({
          versions: body.versions ?? 'latest',
          charts: body.charts,
          includeDeprecated: body.includeDeprecated ?? false,
        }),
        concurrency: context.config.maxJobConcurrency,
        signal,
      });
    });
    res.json(preview);
  });
}
