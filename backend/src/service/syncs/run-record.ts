// A sync's run record in its status (RepoImport status.runRecord): the engine's record as
// gzipped JSON in base64, so that a repository of thousands of versions stays a few dozen KiB of
// the object; above MAX_ENCODED_RUN_RECORD it is not kept and every run is a full one.
import { gunzipSync, gzipSync } from 'node:zlib';

import { parseRunRecord, type RunRecord } from '../../engine/index.js';

/** The CRD's maxLength of status.runRecord: well inside etcd's object size limit. */
export const MAX_ENCODED_RUN_RECORD = 262_144;

/** The record as stored, or undefined when it is too big to keep. */
export function encodeRunRecord(record: RunRecord): string | undefined {
  const encoded = gzipSync(JSON.stringify(record)).toString('base64');
  return encoded.length <= MAX_ENCODED_RUN_RECORD ? encoded : undefined;
}

/** The record stored, or undefined when there is none or it cannot be read (then the run is a full one). */
export function decodeRunRecord(encoded: string | undefined): RunRecord | undefined {
  if (encoded === undefined || encoded === '') return undefined;
  try {
    return parseRunRecord(JSON.parse(gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8')));
  } catch {
    return undefined;
  }
}
