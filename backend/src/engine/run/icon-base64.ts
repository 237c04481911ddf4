// The base64 of an icon as the console can take it. Its formatImageUrl
// (ks-console packages/shared/src/components/Image/index.tsx) takes a spec.icon that contains
// "http" or "/attachments/" (case-sensitive `includes`) for a URL; one starting with "att-" for an
// attachment id, which base64 (no "-") never does. A base64 that happens to contain one of those
// is made free of it by inserting a comment the decoders skip (PNG tEXt, JPEG COM, GIF comment
// extension): the picture stays the same, and every base64 character after the insertion changes
// when its length shifts the 3-byte alignment.
import { crc32 } from 'node:zlib';

/** What formatImageUrl looks for in an icon to take it for a URL. */
export const URL_MARKERS = ['http', '/attachments/'] as const;

/** Raster formats storableIcon keeps (an SVG is a PNG by then). */
export type RasterKind = 'png' | 'jpeg' | 'gif' | 'webp';

/** Comment lengths tried: 3 alignments, each with other comment bytes (length field, CRC). */
const MAX_PADDING = 32;

export function looksLikeUrl(base64: string): boolean {
  return URL_MARKERS.some((marker) => base64.includes(marker));
}

/**
 * `bytes` as base64 without a URL marker, the same picture at most `maxBytes` long; undefined
 * when no comment makes it so (WebP and GIF87a have no comment the decoders surely skip, the
 * marker is in bytes before where a comment can go, or the comment would pass `maxBytes`).
 */
export function consoleSafeBase64(bytes: Buffer, kind: RasterKind, maxBytes: number): string | undefined {
  const plain = bytes.toString('base64');
  if (!looksLikeUrl(plain)) return plain;
  const insert = insertion(bytes, kind);
  if (!insert) return undefined;
  for (let length = 0; length <= MAX_PADDING; length++) {
    const comment = insert.comment(Buffer.alloc(length, 0x20));
    if (bytes.length + comment.length > maxBytes) return undefined;
    const padded = Buffer.concat([bytes.subarray(0, insert.at), comment, bytes.subarray(insert.at)]);
    const base64 = padded.toString('base64');
    if (!looksLikeUrl(base64)) return base64;
  }
  return undefined;
}

interface Insertion {
  /** byte offset where a comment may go */
  at: number;
  /** the comment block holding `text` */
  comment(text: Buffer): Buffer;
}

function insertion(bytes: Buffer, kind: RasterKind): Insertion | undefined {
  if (kind === 'png') return pngInsertion(bytes);
  if (kind === 'jpeg') return jpegInsertion(bytes);
  if (kind === 'gif') return gifInsertion(bytes);
  return undefined;
}

/** PNG: a tEXt chunk right after IHDR, which must come first (PNG spec 5.6: tEXt anywhere between). */
function pngInsertion(bytes: Buffer): Insertion | undefined {
  const ihdrEnd = 8 + 4 + 4 + 13 + 4;
  if (bytes.length < ihdrEnd || bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR')
    return undefined;
  return {
    at: ihdrEnd,
    comment(text) {
      const body = Buffer.concat([Buffer.from('tEXtComment\0', 'latin1'), text]);
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length - 4);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(body));
      return Buffer.concat([length, body, crc]);
    },
  };
}

/** JPEG: a COM segment after SOI and the APPn segments (JFIF, Exif) that conventionally follow it. */
function jpegInsertion(bytes: Buffer): Insertion | undefined {
  let at = 2;
  while (
    at + 4 <= bytes.length &&
    bytes[at] === 0xff &&
    (bytes[at + 1] ?? 0) >= 0xe0 &&
    (bytes[at + 1] ?? 0) <= 0xef
  )
    at += 2 + bytes.readUInt16BE(at + 2);
  if (at > bytes.length) return undefined;
  return {
    at,
    comment(text) {
      const header = Buffer.from([0xff, 0xfe, 0, 0]);
      header.writeUInt16BE(2 + text.length, 2);
      return Buffer.concat([header, text]);
    },
  };
}

/** GIF89a: a comment extension after the logical screen descriptor and the global colour table. */
function gifInsertion(bytes: Buffer): Insertion | undefined {
  // The comment extension is GIF89a's; a GIF87a decoder need not know it.
  if (bytes.length < 13 || bytes.toString('latin1', 0, 6) !== 'GIF89a') return undefined;
  const packed = bytes[10] ?? 0;
  const colourTable = packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0;
  const at = 13 + colourTable;
  if (at > bytes.length) return undefined;
  return {
    at,
    // one data sub-block (at most 255 bytes, MAX_PADDING is less) and the block terminator
    comment: (text) =>
      Buffer.concat([
        Buffer.from([0x21, 0xfe]),
        text.length > 0 ? Buffer.from([text.length]) : Buffer.alloc(0),
        text,
        Buffer.from([0]),
      ]),
  };
}
