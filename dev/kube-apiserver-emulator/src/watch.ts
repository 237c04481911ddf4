// Watch streams. Copied from
//   https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
//     (?watch=true; events {"type","object"} one JSON document per line over chunked HTTP/1.1;
//      resourceVersion unset or "0": synthetic ADDED events for the current state first;
//      a resourceVersion older than the history: ERROR event with a 410 Status, then the stream ends;
//      allowWatchBookmarks: BOOKMARK events carrying only kind/apiVersion/metadata.resourceVersion;
//      sendInitialEvents: a BOOKMARK annotated k8s.io/initial-events-end after the initial ADDED events)
//   https://kubernetes.io/docs/reference/using-api/api-concepts/#watch-bookmarks
//   k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go (an object that stops / starts matching the
//     selectors is sent as DELETED / ADDED)
//   k8s.io/apiserver/pkg/endpoints/handlers/watch.go (timeoutSeconds ends the stream)
// The consumer this is checked against is @kubernetes/client-node's Watch (dist/watch.js: undici fetch,
// status 200, readline over the body, JSON.parse per line).

import type { ServerResponse } from 'node:http';
import { badRequest, tooLargeResourceVersion, type ApiError } from './errors.js';
import { toWire, type Req } from './registry.js';
import { apiVersionOf } from './resource.js';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors.js';
import type { Storage, StoredEvent } from './storage.js';
import type { KObject } from './types.js';

export interface WatchOptions {
  bookmarkIntervalMs: number;
}

export class Watches {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly storage: Storage,
    private readonly opts: WatchOptions,
  ) {}

  /** Starts a watch; errors found before streaming are thrown (answered as a plain Status). */
  start(req: Req, res: ServerResponse): void {
    const { def, query } = req;
    const labels = parseLabelSelector(query.get('labelSelector') ?? undefined);
    const supported = Object.keys(def.strategy.fieldLabels({ metadata: {} }));
    const fields = parseFieldSelector(query.get('fieldSelector') ?? undefined, supported);
    const rvParam = query.get('resourceVersion') ?? '';
    const bookmarks = ['true', '1'].includes(query.get('allowWatchBookmarks') ?? '');
    const sendInitial = query.get('sendInitialEvents') === 'true';
    const timeoutText = query.get('timeoutSeconds');
    const timeout = timeoutText ? Number(timeoutText) : 0;
    if (timeoutText && !(Number.isInteger(timeout) && timeout >= 0))
      throw badRequest(`timeoutSeconds: Invalid value: ${timeoutText}`);
    if (sendInitial && (query.get('resourceVersionMatch') !== 'NotOlderThan' || !bookmarks))
      throw badRequest(
        'sendInitialEvents requires resourceVersionMatch=NotOlderThan and allowWatchBookmarks=true',
      );
    if (rvParam !== '' && !/^\d+$/.test(rvParam))
      throw badRequest(`resourceVersion: Invalid value: "${rvParam}"`);
    const current = this.storage.resourceVersion;
    const from = rvParam === '' ? undefined : Number(rvParam);
    if (from !== undefined && from > current) throw tooLargeResourceVersion(from, current);

    const matches = (o: KObject | undefined): boolean =>
      o !== undefined &&
      (!def.namespaced || req.namespace === '' || o.metadata.namespace === req.namespace) &&
      matchesLabels(labels, o.metadata.labels) &&
      matchesFields(fields, def.strategy.fieldLabels(o));

    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    });
    res.flushHeaders();
    const send = (type: string, object: unknown): void => {
      res.write(`${JSON.stringify({ type, object })}\n`);
    };
    const bookmark = (rv: number, initialEnd: boolean): void => {
      send('BOOKMARK', {
        kind: def.kind,
        apiVersion: apiVersionOf(def),
        metadata: {
          resourceVersion: String(rv),
          ...(initialEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}),
        },
      });
    };
    const emit = (e: StoredEvent): void => {
      const now = matches(e.type === 'DELETED' ? undefined : e.object);
      const before = matches(e.prev);
      if (e.type === 'DELETED') {
        if (before) send('DELETED', toWire(def, e.object));
      } else if (now && before) send('MODIFIED', toWire(def, e.object));
      else if (now) send('ADDED', toWire(def, e.object));
      else if (before) send('DELETED', toWire(def, e.object));
    };

    let lastRv = current;
    if (from === undefined || from === 0 || sendInitial) {
      for (const [, o] of this.storage.list(def.bucket).items) if (matches(o)) send('ADDED', toWire(def, o));
      if (sendInitial) bookmark(current, true);
    } else {
      let backlog: StoredEvent[];
      try {
        backlog = this.storage.eventsSince(def.bucket, from);
      } catch (err) {
        send('ERROR', (err as ApiError).body);
        res.end();
        return;
      }
      for (const e of backlog) emit(e);
    }
    const unsubscribe = this.storage.subscribe((e) => {
      if (e.bucket !== def.bucket) return;
      lastRv = e.rv;
      emit(e);
    });
    const timers: NodeJS.Timeout[] = [];
    if (bookmarks && this.opts.bookmarkIntervalMs > 0)
      timers.push(
        setInterval(() => {
          bookmark(Math.max(lastRv, this.storage.resourceVersion), false);
        }, this.opts.bookmarkIntervalMs),
      );
    const stop = (): void => {
      unsubscribe();
      for (const t of timers) clearInterval(t);
      this.open.delete(stop);
      if (!res.writableEnded) res.end();
    };
    if (timeout > 0) timers.push(setTimeout(stop, timeout * 1000));
    this.open.add(stop);
    res.on('close', stop);
  }

  closeAll(): void {
    for (const stop of [...this.open]) stop();
  }
}
