import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';

import { png, pngChunk, pngChunks } from '@store-importer/emulator-kit';
import { consoleSafeBase64, looksLikeUrl } from './icon-base64.js';

/** Bytes that are exactly `text` in base64 when they start at an offset divisible by 3. */
const decoded = (text: string): Buffer => Buffer.from(text, 'base64');

/**
 * A PNG whose plain base64 holds `marker`: a tEXt chunk right after IHDR (which ends at byte 33)
 * carrying the marker's bytes at byte 48, a multiple of 3.
 */
function pngHolding(marker: string): Buffer {
  // chunk data starts at 33 + 8 = 41; "Title\0x" brings it to 48
  const text = Buffer.concat([Buffer.from('Title\0x', 'latin1'), decoded(marker)]);
  return png(8, 8, 0x3366cc, [pngChunk('tEXt', text)]);
}

/** The pixels a real decoder (resvg's, through an SVG <image>) makes of a PNG. */
function pixels(image: Buffer, size: number): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><image width="${size}" height="${size}" href="data:image/png;base64,${image.toString('base64')}"/></svg>`;
  return Buffer.from(new Resvg(svg).render().pixels);
}

/** A JPEG's segments before EOI (marker and payload), checked to run from SOI to EOI. */
function jpegSegments(bytes: Buffer): { marker: number; payload: Buffer }[] {
  expect(bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
  expect(bytes.subarray(-2).toString('hex')).toBe('ffd9');
  const segments: { marker: number; payload: Buffer }[] = [];
  let at = 2;
  while (at < bytes.length - 2) {
    expect(bytes[at]).toBe(0xff);
    const length = bytes.readUInt16BE(at + 2);
    segments.push({ marker: bytes[at + 1] ?? 0, payload: bytes.subarray(at + 4, at + 2 + length) });
    at += 2 + length;
  }
  expect(at).toBe(bytes.length - 2);
  return segments;
}

const segment = (marker: number, payload: Buffer): Buffer => {
  const header = Buffer.from([0xff, marker, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
};

describe('consoleSafeBase64', () => {
  it('leaves a base64 without a URL marker as it is', () => {
    const image = png(4, 4);
    expect(consoleSafeBase64(image, 'png', 1024)).toBe(image.toString('base64'));
  });

  for (const marker of ['http', 'A/attachments/AA']) {
    it(`pads a PNG whose base64 holds ${JSON.stringify(marker)} out of it, the same image`, () => {
      const image = pngHolding(marker);
      expect(image.toString('base64')).toContain(marker.replace(/^A|AA$/g, ''));
      const safe = consoleSafeBase64(image, 'png', 1024);
      if (safe === undefined) throw new Error('not padded');
      expect(looksLikeUrl(safe)).toBe(false);
      const padded = Buffer.from(safe, 'base64');
      const before = pngChunks(image);
      const after = pngChunks(padded);
      // every chunk well-formed; one tEXt Comment added right after IHDR, the rest unchanged
      expect(after.every((chunk) => chunk.crcOk)).toBe(true);
      expect(after[0]?.type).toBe('IHDR');
      expect(after[1]?.type).toBe('tEXt');
      expect(after[1]?.data.toString('latin1')).toMatch(/^Comment\0 *$/);
      expect([after[0], ...after.slice(2)]).toEqual(before);
      expect(padded.length - image.length).toBeLessThan(64);
      // and a decoder paints the same pixels: the image's colour, not a blank of a failed decode
      const painted = pixels(padded, 8);
      expect([...painted.subarray(0, 4)]).toEqual([0x33, 0x66, 0xcc, 0xff]);
      expect(painted.equals(pixels(image, 8))).toBe(true);
    });
  }

  it('pads a JPEG with a COM segment after its APP segments, keeping every segment', () => {
    const jfif = segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
    // a COM of the image's own at byte 24 (2 + 18 + 4), a multiple of 3: its payload shows as "http"
    const original = [jfif, segment(0xfe, Buffer.concat([decoded('http'), Buffer.from('!!')]))];
    const image = Buffer.concat([Buffer.from([0xff, 0xd8]), ...original, Buffer.from([0xff, 0xd9])]);
    expect(image.toString('base64')).toContain('http');
    const safe = consoleSafeBase64(image, 'jpeg', 1024);
    if (safe === undefined) throw new Error('not padded');
    expect(looksLikeUrl(safe)).toBe(false);
    const before = jpegSegments(image);
    const after = jpegSegments(Buffer.from(safe, 'base64'));
    expect(after[0]).toEqual(before[0]);
    expect(after[1]?.marker).toBe(0xfe);
    expect(after[1]?.payload.toString('latin1')).toMatch(/^ *$/);
    expect(after.slice(2)).toEqual(before.slice(1));
  });

  it('pads a GIF89a with a comment extension after its colour table', () => {
    // header, screen 1x1 with a 2-colour global table (19 bytes), then a comment of the image's
    // own whose bytes at 24, a multiple of 3, show as "http", and the trailer
    const head = Buffer.concat([
      Buffer.from('GIF89a', 'latin1'),
      Buffer.from([1, 0, 1, 0, 0x80, 0, 0]),
      Buffer.from([0, 0, 0, 0xff, 0xff, 0xff]),
    ]);
    const rest = Buffer.concat([
      Buffer.from([0x21, 0xfe, 6]),
      Buffer.from('xx', 'latin1'),
      decoded('http'),
      Buffer.from('!\0;', 'latin1'),
    ]);
    const image = Buffer.concat([head, rest]);
    expect(image.toString('base64')).toContain('http');
    const safe = consoleSafeBase64(image, 'gif', 1024);
    if (safe === undefined) throw new Error('not padded');
    expect(looksLikeUrl(safe)).toBe(false);
    const padded = Buffer.from(safe, 'base64');
    expect(padded.subarray(0, head.length)).toEqual(head);
    expect(padded.subarray(-rest.length)).toEqual(rest);
    // what sits between is one comment extension: introducer, label, sub-blocks, terminator
    const comment = padded.subarray(head.length, padded.length - rest.length);
    expect(comment.subarray(0, 2)).toEqual(Buffer.from([0x21, 0xfe]));
    expect(comment.at(-1)).toBe(0);
    const size = comment.length > 3 ? (comment[2] ?? 0) : 0;
    expect(comment.length).toBe(size > 0 ? 4 + size : 3);
  });

  it('refuses a WebP and a GIF87a, which have no comment every decoder skips', () => {
    const webp = Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 \0\0\0\0x', 'latin1'), decoded('http')]);
    expect(webp.toString('base64')).toContain('http');
    expect(consoleSafeBase64(webp, 'webp', 1024)).toBeUndefined();
    const gif87 = Buffer.concat([
      Buffer.from('GIF87a', 'latin1'),
      Buffer.from([1, 0, 1, 0, 0, 0, 0]),
      Buffer.alloc(2),
      decoded('http'),
    ]);
    expect(gif87.toString('base64')).toContain('http');
    expect(consoleSafeBase64(gif87, 'gif', 1024)).toBeUndefined();
  });

  it('refuses rather than pass the size cap', () => {
    const image = pngHolding('http');
    expect(consoleSafeBase64(image, 'png', image.length + 19)).toBeUndefined();
    // a chunk with an empty comment (12 + "Comment\0") fits in 20 more bytes, and is enough here
    expect(consoleSafeBase64(image, 'png', image.length + 20)).toBeDefined();
  });
});
