// An uploaded file, streamed from the request to a private temporary file: never all in memory,
// refused as soon as it is over the cap (the partial file removed), hashed as it arrives.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { PayloadTooLargeError } from '../errors.js';

export interface ReceivedFile {
  /** The file; the caller removes it (`discard`). */
  path: string;
  sha256: string;
  bytes: number;
  /** Removes the file and its folder. */
  discard: () => Promise<void>;
}

export function tooLarge(maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `the bundle is larger than the ${maxBytes} bytes this service accepts (BUNDLE_MAX_BYTES): make a smaller one with store-importer bundle --charts or --versions, or import it with the CLI`,
  );
}

/** Writes `body` to a new file under `workDir`, at most `maxBytes`; PayloadTooLargeError past it. */
export async function receiveFile(
  body: NodeJS.ReadableStream,
  maxBytes: number,
  workDir: string = tmpdir(),
): Promise<ReceivedFile> {
  const dir = await mkdtemp(join(workDir, 'store-importer-upload-'));
  const discard = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const path = join(dir, 'bundle.tgz');
  const hash = createHash('sha256');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        done(tooLarge(maxBytes));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, count, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await discard();
    throw error;
  }
  return { path, sha256: hash.digest('hex'), bytes, discard };
}
