// POST /previews/chart: one chart version's details (Chart.yaml, README, values), read from its
// package on demand through the same repository client, outbound policy, credentials and size
// cap as an import's download. Nothing is kept.
import type { Router } from 'express';

import { DEFAULT_MAX_TEXT_BYTES, readChartDetails } from '../../engine/index.js';
import { READ } from '../access.js';
import { callerOf } from '../auth.js';
import { withDeadline } from '../deadline.js';
import { openRepository, resolveSource } from '../jobs/spec.js';
import { verifyOptionOf } from '../jobs/verify.js';
import { validateBody, validatedBody } from '../validation.js';
import type { RouteContext } from './context.js';
import { reply } from './reply.js';

export function chartDetailsRoutes(router: Router, context: RouteContext): void {
  const { config, allow } = context;
  // Reading the App Store is the right to look at what could go in it: a preview reads the
  // store as the caller, details do not, so the route asks KubeSphere up front.
  router.post('/previews/chart', validateBody('ChartDetailsRequest'), allow(READ), async (req, res) => {
    const body = validatedBody(req, 'ChartDetailsRequest');
    const { token } = callerOf(req);
    const details = await withDeadline(req, res, config.requestTimeoutMs, async (signal) => {
      const { source, credentials } = await resolveSource(
        body.source,
        context.kubesphere,
        token,
        signal,
        context.repos.bundles,
      );
      const repo = openRepository(source, credentials, context.repos);
      return readChartDetails(repo, {
        chart: body.chart,
        version: body.version,
        maxTextBytes: DEFAULT_MAX_TEXT_BYTES,
        ...verifyOptionOf(body.verify),
        signal,
      });
    });
    const { ref, metadata, readme, values, hasValuesSchema, size, warnings, signature } = details;
    reply(res, 'getChartDetails', {
      chart: ref.name,
      version: ref.version,
      size,
      metadata: {
        apiVersion: metadata.apiVersion,
        name: metadata.name,
        version: metadata.version,
        appVersion: metadata.appVersion,
        description: metadata.description,
        home: metadata.home,
        icon: metadata.icon,
        type: metadata.type,
        kubeVersion: metadata.kubeVersion,
        deprecated: metadata.deprecated,
        keywords: metadata.keywords,
        sources: metadata.sources,
        maintainers: metadata.maintainers,
        dependencies: metadata.dependencies,
      },
      ...(readme ? { readme } : {}),
      ...(values ? { values } : {}),
      hasValuesSchema,
      maxTextBytes: DEFAULT_MAX_TEXT_BYTES,
      warnings,
      ...(signature ? { signature } : {}),
    });
  });
}
