// Real little PNG images built byte by byte (a decoder or a browser accepts them), and their chunks
// read back. Shared by the backend's and the console's icon tests.
import { crc32, deflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

export interface PngChunk {
  type: string;
  data: Buffer;
  /** the CRC the file states matches the chunk's type and data */
  crcOk: boolean;
}

/** A PNG chunk: length, type, data, CRC-32 of type and data. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real w x h RGB PNG of one colour (`rgb`), with `extra` chunks between IHDR and IDAT.
 */
export function png(width: number, height: number, rgb = 0x424242, extra: Buffer[] = []): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const pixel = Buffer.from([(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff]);
  const row = Buffer.concat([Buffer.from([0]), ...Array.from({ length: width }, () => pixel)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    ...extra,
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The chunks of a PNG in order; throws when the signature or a chunk's length is wrong. */
export function pngChunks(bytes: Buffer): PngChunk[] {
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG signature');
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw new Error(`a truncated chunk at ${at}`);
    const length = bytes.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > bytes.length) throw new Error(`chunk at ${at} runs past the end`);
    const body = bytes.subarray(at + 4, at + 8 + length);
    chunks.push({
      type: body.toString('latin1', 0, 4),
      data: Buffer.from(body.subarray(4)),
      crcOk: bytes.readUInt32BE(at + 8 + length) === crc32(body),
    });
    at = end;
  }
  return chunks;
}
