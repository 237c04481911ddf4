// What an import run leaves behind so that the next run can tell "nothing changed" after one
// cheap look at the store. Owned by engine/incremental.
import type { Message } from '../messages/index.js';
import type { ImportReport } from '../run/types.js';

/** A store app of a recorded run, with what the app list shows of it. */
export interface RecordedApp {
  name: string;
  state: string;
  /** The app's latest-app-version annotation; '' when it has none. */
  latestVersion: string;
  categoryName: string;
}

/** One item of a recorded run: in the store once the run ended. */
export interface RecordedItem {
  chart: string;
  version: string;
  app: string;
}

/** A run that imported everything it selected, as the next run compares against it. */
export interface RunRecord {
  /** The index's content digest (RepoIndex.contentDigest). */
  indexDigest: string;
  /** sha256 of what decides the run's outcome (settingsDigest). */
  settings: string;
  /** The store apps of the run's items, as listed after it. */
  apps: RecordedApp[];
  /** The run's items, in report order. */
  items: RecordedItem[];
  /** When that full run ended (ISO 8601). */
  fullRunAt: string;
  /**
   * The store versions that run found the repository no longer lists: an unchanged run repeats
   * its warning. Absent when there were none.
   */
  removedUpstream?: { count: number; charts: number };
}

export interface IncrementalRun {
  /** The record of the last run that imported everything; undefined when there is none. */
  previous: RunRecord | undefined;
  /** Run in full whatever the record says (--full). */
  full?: boolean;
  now?: () => Date;
  /** A record older than this gets a full run (default 24 h): see MAX_RECORD_AGE_MS. */
  maxAgeMs?: number;
  /**
   * Called before a full run touches the store: the caller forgets the previous record there,
   * so that a run that ends half-way (a crash, a kill) is never taken as the last good one.
   */
  beforeFullRun?: () => Promise<void>;
}

export interface IncrementalResult {
  report: ImportReport;
  /** The repository and the store were as recorded: nothing was read per chart. */
  unchanged: boolean;
  /** One sentence for the user when unchanged. */
  message?: Message;
  /** Why a full run happened (for logs), when it did. */
  fullRunReason?: string;
  /**
   * What the next run compares against: the previous record when unchanged, a new one after a
   * full run that imported everything, undefined otherwise (a dry run, failures, OCI).
   */
  record: RunRecord | undefined;
}
