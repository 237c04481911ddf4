// POST /bundles: an offline bundle uploaded from the page, streamed to disk under a size cap,
// verified whole by the engine, and kept (bundles/store.ts) for previews, chart details and jobs
// to name by its id. GET /bundles: the limits the page shows before an upload.
import type { Request, Router } from 'express';

import { schemaLimits } from '../../contract/index.js';
import { manageIn, READ } from '../access.js';
import { ServiceUnavailableError, UnsupportedMediaTypeError, ValidationError } from '../errors.js';
import type { BundleStore, KeptBundle } from '../bundles/store.js';
import { receiveFile, tooLarge, type ReceivedFile } from '../bundles/upload.js';
import { perRequest, type RouteContext } from './context.js';
import { reply } from './reply.js';
import { knownWorkspace } from './workspaces.js';

const GZIP_TYPES = ['application/gzip', 'application/x-gzip', 'application/octet-stream'];
const WORKSPACE = new RegExp(schemaLimits.Workspace.pattern);
/** Seconds a second upload is told to wait (Retry-After) while one is received or unpacked. */
const UPLOAD_RETRY_SECONDS = 10;

/** `?workspace=WS`, or undefined for the global store; ValidationError when it is not a workspace name. */
const workspaceOf = perRequest((req: Request): string | undefined => {
  const value: unknown = req.query.workspace;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !WORKSPACE.test(value))
    throw new ValidationError('query parameter workspace must be a workspace name (a DNS-1123 label)');
  return value;
});

export function bundleRoutes(router: Router, context: RouteContext, bundles: BundleStore): void {
  const { config, allow } = context;
  const maxBytes = config.bundles.maxBytes;
  // One upload at a time on this replica: each may take most of the disk while it is received
  // and unpacked, and the store reserves all the room left for the one unpacking.
  let uploading = false;

  router.get('/bundles', allow(READ), (_req, res) => {
    reply(res, 'getBundleLimits', {
      maxBytes,
      idleTtlSeconds: Math.round(config.bundles.idleTtlMs / 1000),
    });
  });

  router.post(
    '/bundles',
    (req, res, next) => {
      // A refused upload is not read to its end: the connection closes after the answer.
      res.setHeader('Connection', 'close');
      if (!req.is(GZIP_TYPES))
        throw new UnsupportedMediaTypeError(
          `the body must be the bundle file, sent as ${GZIP_TYPES.join(', ')}, not ${JSON.stringify(req.headers['content-type'] ?? 'nothing')}`,
        );
      const length = Number(req.headers['content-length']);
      if (Number.isFinite(length) && length > maxBytes) throw tooLarge(maxBytes);
      workspaceOf(req);
      next();
    },
    knownWorkspace(context, workspaceOf),
    // Only who may import there uploads what they would import.
    allow((req) => manageIn(workspaceOf(req))),
    async (req, res) => {
      if (uploading) {
        res.setHeader('Retry-After', String(UPLOAD_RETRY_SECONDS));
        throw new ServiceUnavailableError(
          `another bundle is being uploaded to this replica; try again in ${UPLOAD_RETRY_SECONDS} seconds`,
        );
      }
      uploading = true;
      let received: ReceivedFile | undefined;
      let kept: KeptBundle;
      try {
        received = await receiveFile(req, maxBytes);
        const client = new AbortController();
        res.once('close', () => {
          if (!res.writableFinished) client.abort();
        });
        kept = await bundles.add(received.path, received.sha256, received.bytes, client.signal);
      } finally {
        uploading = false;
        // The store removed the file; its private folder goes too, whatever happened, before
        // the answer.
        await received?.discard();
      }
      context.logger.info(
        { bundle: kept.id, repository: kept.manifest.repository, bytes: kept.bytes },
        'bundle uploaded',
      );
      reply(res, 'uploadBundle', bundles.info(kept), 201);
    },
  );
}
