// Package sizes for a preview, looked up without downloading (ChartRepository.packageSize): a
// bounded number at once, at most `maxLookups` per preview, each with its own time limit, and a
// budget after which the rest stay unknown. A failed lookup makes a size unknown; it never fails
// the preview. Only the caller's own cancellation stops it.
import { say, type Message } from '../messages/index.js';
import pLimit from 'p-limit';

import { CancelledError, reasonOf } from '../errors.js';
import type { ChartRepository, ChartVersionRef } from '../repo/types.js';

/** `latest`: each chart's newest version; `selected`: also every version an import would upload. */
export type SizeMode = 'none' | 'latest' | 'selected';

export const DEFAULT_MAX_SIZE_LOOKUPS = 2_000;
export const DEFAULT_SIZE_LOOKUP_TIMEOUT_MS = 10_000;

export interface SizeLookupLimits {
  /** Lookups per preview; versions past it stay unknown, with one warning. Default 2,000. */
  maxLookups?: number;
  /** Time for one lookup, retries and redirects included. Default 10 s. */
  lookupTimeoutMs?: number;
  /** When it fires, lookups not finished stay unknown and the preview goes on (a time budget). */
  budget?: AbortSignal;
}

export interface SizeLookupOptions extends SizeLookupLimits {
  concurrency: number;
  /** The preview's own signal: its abort cancels the preview. */
  signal?: AbortSignal;
}

export interface SizeLookupResult {
  /** Known sizes in bytes, by version (the index's objects). */
  sizes: Map<ChartVersionRef, number>;
  warnings: Message[];
}

/** Looks up the sizes of `refs`, in that order of priority. */
export async function lookUpSizes(
  repo: ChartRepository,
  refs: readonly ChartVersionRef[],
  options: SizeLookupOptions,
): Promise<SizeLookupResult> {
  const sizes = new Map<ChartVersionRef, number>();
  const warnings: Message[] = [];
  const packageSize = repo.packageSize?.bind(repo);
  if (packageSize === undefined || refs.length === 0) return { sizes, warnings };
  const maxLookups = options.maxLookups ?? DEFAULT_MAX_SIZE_LOOKUPS;
  const timeoutMs = options.lookupTimeoutMs ?? DEFAULT_SIZE_LOOKUP_TIMEOUT_MS;
  const { signal, budget } = options;
  if (refs.length > maxLookups) {
    warnings.push(say('sizes-over-lookup-limit', { count: refs.length - maxLookups, max: maxLookups }));
  }
  let failed = 0;
  let firstFailure = '';
  let outOfTime = 0;
  const limit = pLimit(Math.max(1, options.concurrency));
  await Promise.all(
    refs.slice(0, maxLookups).map((ref) =>
      limit(async () => {
        if (signal?.aborted) throw new CancelledError('the preview was cancelled', { cause: signal.reason });
        if (budget?.aborted) {
          outOfTime += 1;
          return;
        }
        const timeout = AbortSignal.timeout(timeoutMs);
        const signals = [timeout, ...(signal ? [signal] : []), ...(budget ? [budget] : [])];
        try {
          const size = await packageSize(ref, AbortSignal.any(signals));
          if (size !== undefined) sizes.set(ref, size);
        } catch (error) {
          if (signal?.aborted) throw error;
          if (budget?.aborted) {
            outOfTime += 1;
            return;
          }
          failed += 1;
          const reason = timeout.aborted ? `no answer within ${timeoutMs / 1000} s` : reasonOf(error);
          firstFailure ||= `${ref.name} ${ref.version}: ${reason}`;
        }
      }),
    ),
  );
  if (failed > 0) {
    warnings.push(say('sizes-lookups-failed', { count: failed, first: firstFailure }));
  }
  if (outOfTime > 0) {
    warnings.push(say('sizes-out-of-time', { count: outOfTime }));
  }
  return { sizes, warnings };
}
