// Domain errors that carry the HTTP status ks-apiserver would answer with, and the exact text.
// Follows ks-core pkg/api/utils.go (handle -> http.Error) and pkg/kapis/application/v2/errors.go
// (requestDone: NotFound -> 404, everything else -> 500). Kubernetes-style errors keep the
// apimachinery message formats (k8s.io/apimachinery/pkg/api/errors/errors.go).

export type ErrorBody = 'plain' | 'status';

/** An error answered with a given status. `kind` mirrors apierrors reasons so requestDone can map it. */
export class KsError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason:
      'NotFound' | 'Conflict' | 'BadRequest' | 'Invalid' | 'AlreadyExists' | 'Internal' = 'Internal',
  ) {
    super(message);
    this.name = 'KsError';
  }
}

/** apierrors.NewNotFound(GroupResource, name): `<resource>.<group> "<name>" not found` (group omitted when empty). */
export function notFound(resource: string, group: string, name: string): KsError {
  const qualified = group ? `${resource}.${group}` : resource;
  return new KsError(404, `${qualified} "${name}" not found`, 'NotFound');
}

/** controller-runtime CacheReader.Get (vendor/sigs.k8s.io/controller-runtime/pkg/cache/internal/cache_reader.go):
 *  NotFound with Resource set to the Kind, e.g. `Application.application.kubesphere.io "x" not found`. */
export function cacheNotFound(kind: string, name: string, group = 'application.kubesphere.io'): KsError {
  return notFound(kind, group, name);
}

/** kube-apiserver NotFound on writes (client.Delete goes to the API server): plural resource name. */
export function apiNotFound(plural: string, name: string, group = 'application.kubesphere.io'): KsError {
  return notFound(plural, group, name);
}

/** requestDone (pkg/kapis/application/v2/errors.go): NotFound -> 404, everything else -> 500. */
export function requestDoneStatus(err: unknown): KsError {
  // a panic is no error value: it unwinds past requestDone
  if (err instanceof GoPanic) throw err;
  if (err instanceof KsError) {
    if (err.reason === 'NotFound') return err;
    if (err.status === 404) return err;
    return new KsError(500, err.message, err.reason);
  }
  return new KsError(500, err instanceof Error ? err.message : String(err));
}

/**
 * A panic in a handler. go-restful's container does not recover (DoNotRecover defaults to true), so
 * net/http recovers it and closes the connection without an answer.
 */
export class GoPanic extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoPanic';
  }
}
