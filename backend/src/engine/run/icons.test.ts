// storableIcon's edges that the import e2e (test/import/icons.e2e.test.ts) does not reach cheaply:
// data: URIs, the size cap, refusals before any fetch, and the "http" padding end to end.
import { describe, expect, it } from 'vitest';

import { png, pngChunk, pngChunks } from '@store-importer/emulator-kit';
import { CancelledError, RepoError } from '../errors.js';
import { say } from '../messages/index.js';
import { looksLikeUrl } from './icon-base64.js';
import { ICON_MAX_BYTES, storableIcon, type IconFetcher, type StoredIcon } from './icons.js';

const SMALL = png(4, 4);

/** A fetcher that answers `bytes` as `contentType` and records the URLs asked for. */
function fetcher(bytes: Buffer, contentType?: string): IconFetcher & { asked: string[] } {
  const asked: string[] = [];
  return Object.assign(
    (url: URL) => {
      asked.push(url.toString());
      return Promise.resolve({ bytes, contentType });
    },
    { asked },
  );
}

/** The note's problem text, failing when an icon was stored. */
function problem(stored: StoredIcon): string {
  if (!('note' in stored)) throw new Error(`stored: ${JSON.stringify(stored).slice(0, 80)}`);
  return String(stored.note.params.problem);
}

describe('storableIcon', () => {
  it('stores nothing and notes nothing for a chart without an icon', async () => {
    expect(await storableIcon('c', undefined, fetcher(SMALL))).toEqual({});
    expect(await storableIcon('c', '  ', fetcher(SMALL))).toEqual({});
  });

  it('takes a base64 data: URI and a percent-encoded SVG one, without fetching', async () => {
    const get = fetcher(SMALL);
    expect(await storableIcon('c', `data:image/png;base64,${SMALL.toString('base64')}`, get)).toEqual({
      icon: SMALL.toString('base64'),
    });
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><rect width="2" height="2"/></svg>';
    const stored = await storableIcon('c', `data:image/svg+xml,${encodeURIComponent(svg)}`, get);
    if (!('icon' in stored)) throw new Error(problem(stored));
    expect(pngChunks(Buffer.from(stored.icon, 'base64'))[0]?.data.readUInt32BE(0)).toBe(256);
    expect(get.asked).toEqual([]);
  });

  it('refuses broken data: URIs with a note naming the chart', async () => {
    const noComma = await storableIcon('my-chart', 'data:image/png;base64', undefined);
    expect(problem(noComma)).toBe('the data: URI has no comma');
    if ('note' in noComma) expect(noComma.note.message).toContain('"my-chart"');
    // The reason a console says it by, with the names it shows.
    expect('note' in noComma && noComma.note.params.why).toBe('no-comma');
    const ftp = await storableIcon('c', 'ftp://icons.example/a.png', undefined);
    expect('note' in ftp && ftp.note.params).toMatchObject({ why: 'scheme', scheme: 'ftp:' });
    expect(problem(await storableIcon('c', 'data:image/png,%E0%A4%A', undefined))).toBe(
      'the data: URI is not validly percent-encoded',
    );
    expect(problem(await storableIcon('c', 'data:text/plain,hello', undefined))).toMatch(/not a PNG/);
  });

  it('refuses an SVG embedding another SVG, which could refer to files, and takes one embedding a PNG', async () => {
    const wrap = (href: string): string =>
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="2" height="2"><image width="2" height="2" xlink:href="${href}"/></svg>`;
    const inner = '<svg xmlns="http://www.w3.org/2000/svg"><image href="/etc/passwd"/></svg>';
    const svgIcon = (svg: string): string =>
      `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    for (const [href, type] of [
      [svgIcon(inner), 'image/svg+xml'],
      [`data:image/SVG+XML,${encodeURIComponent(inner)}`, 'image/SVG+XML'],
      [`data:,${encodeURIComponent(inner)}`, 'text/plain'],
      [`data:text/plain;base64,${Buffer.from(inner).toString('base64')}`, 'text/plain'],
    ] as const) {
      expect(problem(await storableIcon('c', svgIcon(wrap(href)), undefined))).toBe(
        `the SVG embeds a data: image of type "${type}", not PNG, JPEG, GIF or WebP`,
      );
    }
    const stored = await storableIcon(
      'c',
      svgIcon(wrap(`data:image/png;base64,${SMALL.toString('base64')}`)),
      undefined,
    );
    expect('icon' in stored, JSON.stringify(stored).slice(0, 200)).toBe(true);
  });

  it('keeps data: URIs to the size cap, in base64 and percent-encoded', async () => {
    const atCap = Buffer.concat([SMALL, Buffer.alloc(ICON_MAX_BYTES - SMALL.length)]);
    const stored = await storableIcon('c', `data:image/png;base64,${atCap.toString('base64')}`, undefined);
    expect('icon' in stored).toBe(true);
    const over = Buffer.concat([atCap, Buffer.alloc(1)]);
    expect(
      problem(await storableIcon('c', `data:image/png;base64,${over.toString('base64')}`, undefined)),
    ).toMatch(/over the icon limit of 262144 bytes/);
    const text = `data:image/svg+xml,${'%20'.repeat(ICON_MAX_BYTES + 1)}`;
    expect(problem(await storableIcon('c', text, undefined))).toMatch(/over the icon limit/);
  });

  it('refuses what it cannot fetch before asking', async () => {
    const get = fetcher(SMALL);
    expect(problem(await storableIcon('c', 'icon.png', get))).toBe(
      'the icon is neither a URL nor a data: URI',
    );
    expect(problem(await storableIcon('c', 'ftp://host/icon.png', get))).toMatch(/scheme ftp: is neither/);
    expect(problem(await storableIcon('c', 'https://host/icon.png', undefined))).toBe(
      'this repository cannot fetch icons',
    );
    expect(get.asked).toEqual([]);
  });

  it('asks for the cap, and refuses a page that is not a picture', async () => {
    let cap = 0;
    const stored = await storableIcon('c', 'https://host/icon.png', (_url, maxBytes) => {
      cap = maxBytes;
      return Promise.resolve({ bytes: SMALL, contentType: 'image/png' });
    });
    expect(stored).toEqual({ icon: SMALL.toString('base64') });
    expect(cap).toBe(ICON_MAX_BYTES);
    expect(problem(await storableIcon('c', 'https://host/icon.png', fetcher(SMALL, 'text/html')))).toBe(
      'the icon URL answered text/html, not an image',
    );
  });

  it('stores a PNG whose base64 holds "http" padded out of it, and refuses such a WebP', async () => {
    // "http" at byte 48: tEXt data starts at 41, "Title\0x" brings it to 48, a multiple of 3
    const marked = png(4, 4, 0x336699, [
      pngChunk('tEXt', Buffer.concat([Buffer.from('Title\0x', 'latin1'), Buffer.from('http', 'base64')])),
    ]);
    expect(marked.toString('base64')).toContain('http');
    const stored = await storableIcon('c', 'https://host/icon.png', fetcher(marked, 'image/png'));
    if (!('icon' in stored)) throw new Error(problem(stored));
    expect(looksLikeUrl(stored.icon)).toBe(false);
    expect(pngChunks(Buffer.from(stored.icon, 'base64')).map((chunk) => chunk.type)).toEqual([
      'IHDR',
      'tEXt',
      'tEXt',
      'IDAT',
      'IEND',
    ]);
    const webp = Buffer.concat([
      Buffer.from('RIFF\0\0\0\0WEBPVP8 \0\0\0\0x', 'latin1'),
      Buffer.from('http', 'base64'),
    ]);
    expect(problem(await storableIcon('c', 'https://host/icon.webp', fetcher(webp, 'image/webp')))).toMatch(
      /contain "http"/,
    );
  });

  it("says an offline bundle's icon problems by their reason, its English text kept", async () => {
    const url = 'https://host/icon.png';
    const missing = await storableIcon('c', url, () =>
      Promise.reject(new RepoError(say('bundle-icon-missing', { problem: 'not carried', url }))),
    );
    expect('note' in missing && missing.note.params).toEqual({
      chart: 'c',
      problem: 'not carried',
      url,
      why: 'not-in-bundle',
    });
    const large = { problem: 'too big', sizeBytes: 300_000, limitBytes: ICON_MAX_BYTES };
    const tooLarge = await storableIcon('c', url, () =>
      Promise.reject(new RepoError(say('bundle-icon-too-large', large))),
    );
    expect('note' in tooLarge && tooLarge.note.params).toMatchObject({ ...large, why: 'too-large' });
  });

  it('lets a cancel through instead of noting it', async () => {
    const controller = new AbortController();
    const cancelled = storableIcon(
      'c',
      'https://host/icon.png',
      () => {
        controller.abort();
        return Promise.reject(new CancelledError('the import was cancelled'));
      },
      controller.signal,
    );
    await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
  });
});
