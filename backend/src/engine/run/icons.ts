// A chart's icon stored in KubeSphere itself, so the console shows it with no way out to the
// internet. The mechanism is the console's own, for icons a user uploads:
//   ks-console packages/shared/src/components/Apps/AppCreate/CreateHelmApp/ImgIconUpload/index.tsx
//     sends the file's bare base64 as the upload request's `icon`;
//   ks-core pkg/simple/client/application/helper.go CreateOrUpdateApp copies it to spec.icon;
//   ks-console packages/shared/src/components/Image/index.tsx (formatImageUrl) shows a spec.icon
//     without "http" or "/attachments/" in it as `data:image/png;...;base64,<icon>` (a base64 that
//     happens to contain one is padded out of it: icon-base64.ts).
// That data: URL claims image/png, so a browser decodes PNG, JPEG, GIF and WebP (it sniffs raster
// formats) but never an SVG: an SVG is rasterized to PNG here, which also leaves nothing of its
// scripts, event handlers or foreignObject. (The attachments API is no way: GET /attachments/{id}
// answers JSON, not an image, and the console's `att-` branch points at a path it does not serve.)
import { renderAsync, Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

import { CancelledError, DomainError } from '../errors.js';
import { say, type Message, type MessageCode } from '../messages/index.js';
import { consoleSafeBase64, type RasterKind } from './icon-base64.js';

/** Largest icon fetched, and stored (it lands base64-encoded in the Application object). */
export const ICON_MAX_BYTES = 256 * 1024;
/** An SVG is rendered this wide (the console shows icons at up to 200 px). */
const SVG_RENDER_PX = 256;
/** A rendered SVG taller than this is refused: a 1-pixel-wide SVG would otherwise be huge. */
const SVG_MAX_HEIGHT_PX = 1024;

/** Reads an icon URL (the repository's transport); absent when the repository cannot. */
export type IconFetcher = (
  url: URL,
  maxBytes: number,
  signal?: AbortSignal,
) => Promise<{ bytes: Buffer; contentType: string | undefined }>;

export type StoredIcon = { icon: string } | { note: Message } | Record<string, never>;

type Kind = RasterKind | 'svg';

/** Why an icon was refused: a stable reason, for a console in the user's language. */
type IconWhy =
  | 'base64-http'
  | 'not-url'
  | 'scheme'
  | 'cannot-fetch'
  | 'no-comma'
  | 'too-large'
  | 'bad-encoding'
  | 'not-image'
  | 'unknown-format'
  | 'svg-external'
  | 'svg-embed'
  | 'svg-entities'
  | 'svg-unreadable'
  | 'svg-too-tall'
  | 'svg-too-large'
  | 'not-in-bundle';

/** The icon problems of an offline bundle (bundle/read.ts), by their message's code. */
const BUNDLE_WHY: Partial<Record<MessageCode, IconWhy>> = {
  'bundle-icon-missing': 'not-in-bundle',
  'bundle-icon-too-large': 'too-large',
};

/** Refusals are thrown as this and become the note's problem (English) and reason. */
class IconRefused extends Error {
  constructor(
    readonly why: IconWhy,
    message: string,
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}

/** The note's parameters: the English problem, and the reason a console says it by. */
function reasonOf(error: unknown): Readonly<Record<string, string | number>> & { problem: string } {
  const problem = error instanceof Error ? error.message : String(error);
  if (error instanceof IconRefused) return { ...error.params, problem, why: error.why };
  const detail = error instanceof DomainError ? error.detail : undefined;
  const why = detail === undefined ? undefined : BUNDLE_WHY[detail.code];
  if (detail !== undefined && why !== undefined) return { ...detail.params, problem, why };
  // A failed fetch (engine/http): its kind, which a console says in words with a hint.
  const kind = (error as { failure?: { kind?: unknown } } | null)?.failure?.kind;
  return typeof kind === 'string' ? { problem, why: 'fetch-failed', kind } : { problem };
}

/**
 * The icon as spec.icon should hold it (bare base64), a note saying why it is not stored, or
 * nothing when the chart names no icon. Never throws but for a cancel.
 */
export async function storableIcon(
  chart: string,
  icon: string | undefined,
  fetchIcon: IconFetcher | undefined,
  signal?: AbortSignal,
): Promise<StoredIcon> {
  const source = icon?.trim() ?? '';
  if (source === '') return {};
  try {
    const fetched = await iconBytes(source, fetchIcon, signal);
    const { bytes, kind } = await displayable(fetched, signal);
    // formatImageUrl takes an icon containing "http" for a URL: padded out of it, where a format allows.
    const base64 = consoleSafeBase64(bytes, kind, ICON_MAX_BYTES);
    if (base64 === undefined) {
      throw new IconRefused(
        'base64-http',
        'its base64 form happens to contain "http", which the console takes for a URL',
      );
    }
    return { icon: base64 };
  } catch (error) {
    if (error instanceof CancelledError || signal?.aborted) throw error;
    return { note: say('icon-not-stored', { chart, ...reasonOf(error) }) };
  }
}

async function iconBytes(
  source: string,
  fetchIcon: IconFetcher | undefined,
  signal: AbortSignal | undefined,
): Promise<{ bytes: Buffer; contentType: string | undefined }> {
  if (/^data:/i.test(source)) return dataUri(source);
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    throw new IconRefused('not-url', 'the icon is neither a URL nor a data: URI');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new IconRefused('scheme', `the icon URL's scheme ${url.protocol} is neither http nor https`, {
      scheme: url.protocol,
    });
  if (!fetchIcon) throw new IconRefused('cannot-fetch', 'this repository cannot fetch icons');
  return fetchIcon(url, ICON_MAX_BYTES, signal);
}

/** RFC 2397 `data:[<type>][;base64],<data>`, within the same size cap as a fetched icon. */
function dataUri(source: string): { bytes: Buffer; contentType: string | undefined } {
  const comma = source.indexOf(',');
  if (comma < 0) throw new IconRefused('no-comma', 'the data: URI has no comma');
  const header = source.slice(5, comma);
  const data = source.slice(comma + 1);
  // base64 takes 4 characters per 3 bytes: refuse before decoding what cannot fit
  if (data.length > Math.ceil((ICON_MAX_BYTES * 4) / 3) + 4 && /;base64$/i.test(header))
    throw tooLarge('the data: URI');
  let bytes: Buffer;
  if (/;base64$/i.test(header)) bytes = Buffer.from(data, 'base64');
  else {
    try {
      bytes = Buffer.from(decodeURIComponent(data), 'utf8');
    } catch {
      throw new IconRefused('bad-encoding', 'the data: URI is not validly percent-encoded');
    }
  }
  if (bytes.length > ICON_MAX_BYTES) throw tooLarge('the data: URI');
  const type = header
    .replace(/;base64$/i, '')
    .split(';')[0]
    ?.trim();
  return { bytes, contentType: type === '' ? undefined : type };
}

function tooLarge(what: string): IconRefused {
  return new IconRefused('too-large', `${what} is over the icon limit of ${ICON_MAX_BYTES} bytes`, {
    limitBytes: ICON_MAX_BYTES,
  });
}

/** The bytes as the console can show them: raster formats as they are, SVG rendered to PNG. */
async function displayable(
  fetched: { bytes: Buffer; contentType: string | undefined },
  signal: AbortSignal | undefined,
): Promise<{ bytes: Buffer; kind: RasterKind }> {
  const { bytes, contentType } = fetched;
  const kind = sniff(bytes);
  // The bytes decide; a Content-Type that says something else than a picture is a wrong answer
  // (an HTML error page that happens to look right, a login page).
  const declared = contentType?.split(';')[0]?.trim().toLowerCase();
  if (
    declared !== undefined &&
    declared !== '' &&
    !declared.startsWith('image/') &&
    ![
      'application/octet-stream',
      'binary/octet-stream',
      'text/plain',
      'text/xml',
      'application/xml',
    ].includes(declared)
  )
    throw new IconRefused('not-image', `the icon URL answered ${declared}, not an image`, {
      contentType: declared,
    });
  if (kind === undefined)
    throw new IconRefused('unknown-format', 'the icon is not a PNG, JPEG, GIF, WebP or SVG image');
  if (kind !== 'svg') return { bytes, kind };
  return { bytes: await rasterize(bytes, signal), kind: 'png' };
}

/** The format by its first bytes (magic numbers), or an XML document whose root is <svg>. */
function sniff(bytes: Buffer): Kind | undefined {
  const starts = (...values: number[]): boolean => values.every((value, i) => bytes[i] === value);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  const head = bytes.subarray(0, 12).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  // XML declaration, comments and a doctype may come before the root element
  const text = bytes
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const prolog =
    /^\s*(?:<\?xml[^>]*\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*)*<svg[\s>]/i;
  return prolog.test(text) ? 'svg' : undefined;
}

/** The data: image types an SVG may embed: pictures that refer to nothing. */
const EMBEDDABLE = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/gif', 'image/webp']);

/** An SVG as a PNG. Rendering runs no script and loads nothing from the network. */
async function rasterize(svg: Buffer, signal: AbortSignal | undefined): Promise<Buffer> {
  const text = svg.toString('utf8');
  // resvg would read an <image href> that is a local path: only in-document and data: references pass.
  if (/\b(?:xlink:)?href\s*=\s*["']\s*(?!#|data:)/i.test(text))
    throw new IconRefused('svg-external', 'the SVG refers to an external resource');
  // resvg renders an embedded SVG (data: image/svg+xml, or text/plain it sniffs as SVG) as a
  // document of its own: only raster pictures may be embedded, so no reference hides inside.
  for (const [, mime = ''] of text.matchAll(/\bhref\s*=\s*["']\s*data:([^,;"']*)/gi)) {
    const type = mime.trim() || 'text/plain';
    if (!EMBEDDABLE.has(type.toLowerCase()))
      throw new IconRefused(
        'svg-embed',
        `the SVG embeds a data: image of type ${JSON.stringify(type)}, not PNG, JPEG, GIF or WebP`,
        { contentType: type },
      );
  }
  // An entity could expand or point at a file; icons do not need a DTD.
  if (/<!ENTITY/i.test(text)) throw new IconRefused('svg-entities', 'the SVG declares XML entities');
  const options: ResvgRenderOptions = {
    fitTo: { mode: 'width', value: SVG_RENDER_PX },
    logLevel: 'off',
  };
  let height: number;
  try {
    const parsed = new Resvg(svg, options);
    height = parsed.width > 0 ? (parsed.height * SVG_RENDER_PX) / parsed.width : Infinity;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new IconRefused('svg-unreadable', `the SVG cannot be read (${detail})`, { detail });
  }
  if (!(height <= SVG_MAX_HEIGHT_PX))
    throw new IconRefused(
      'svg-too-tall',
      `the SVG is too tall for an icon (${Math.round(height)} px at ${SVG_RENDER_PX} px wide)`,
      { heightPx: Math.round(height), widthPx: SVG_RENDER_PX },
    );
  // Not given the signal: resvg-js takes only its own AbortSignal class. The work is bounded
  // (at most 256 x 1024 pixels), and a cancel is seen right after.
  const png = (await renderAsync(svg, options)).asPng();
  if (signal?.aborted) throw new CancelledError('the import was cancelled');
  if (png.length > ICON_MAX_BYTES)
    throw new IconRefused(
      'svg-too-large',
      `the SVG renders to a PNG over the icon limit of ${ICON_MAX_BYTES} bytes`,
      { limitBytes: ICON_MAX_BYTES },
    );
  return png;
}
