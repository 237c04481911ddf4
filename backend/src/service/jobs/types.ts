// The service's model of imports: what a user or a schedule asks for, and how a run goes.
// Shared by the HTTP routes, the job manager and the state stores. What the API shows of it is
// the contract's (generated from the OpenAPI document), so what is stored is what is served.
import type { Message } from '../../engine/index.js';
import {
  terminalJobPhaseValues,
  type JobPhase,
  type JobRecord,
  type SyncRecord as ApiSyncRecord,
  type TerminalJobPhase,
} from '../../contract/index.js';
import type { ImportItem } from '../../engine/index.js';

export type {
  ImportSource,
  ImportSpec,
  JobChartStatus,
  JobPhase,
  JobRecord,
  JobStatus,
  SyncCondition,
} from '../../contract/index.js';

/**
 * A sync as stored: the API's, and in its status the record of its last complete run
 * (syncs/run-record.ts), which the API never shows (publicSync).
 */
export type SyncRecord = Omit<ApiSyncRecord, 'status'> & {
  status: ApiSyncRecord['status'] & { runRecord?: string };
};

/** A sync as the API shows it: without its run record. */
export function publicSync(sync: SyncRecord): ApiSyncRecord {
  const { runRecord: _runRecord, ...status } = sync.status;
  return { ...sync, status };
}

/** Secrets for one run; kept in memory only, never written to a CR, a log or a response. */
export interface RepoCredentials {
  username?: string;
  password?: string;
  token?: string;
  caPem?: string;
  /** TLS client certificate and its key: both or neither (checked at the edge). */
  certPem?: string;
  keyPem?: string;
}

const TERMINAL_PHASES: ReadonlySet<JobPhase> = new Set(terminalJobPhaseValues);

/** Whether a job has ended: it never leaves these phases. */
export function isTerminalPhase(phase: JobPhase): phase is TerminalJobPhase {
  return TERMINAL_PHASES.has(phase);
}

export const MAX_RECORDED_FAILURES = 50;
/** Keeps an ImportJob well under etcd's object size limit (about 100 bytes a chart). */
export const MAX_RECORDED_CHARTS = 2_000;

/** A live event of a running job, for Server-Sent Events. */
export type JobEvent =
  | { type: 'status'; job: JobRecord }
  | { type: 'item'; item: ImportItem; done: number; total: number }
  | { type: 'warning'; warning: Message };
