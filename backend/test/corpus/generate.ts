// Generators of the corpus inputs too big to commit. Each builds its input at test time, in
// memory when the compressed form is small (gzip bombs are about 1 MiB) or as a stream that is
// never held whole (the oversized index).
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';

import { CHART_YAML, buildTar, chartTgz, tarHeader, tgz, type TarSpec } from '../chart/support.js';

export const MiB = 1024 * 1024;

/** One gzip member of `size` zero bytes, made once and reused (concatenated members are one gzip stream). */
const zeroMembers = new Map<number, Buffer>();
function zerosMember(size: number): Buffer {
  let member = zeroMembers.get(size);
  if (!member) {
    member = gzipSync(Buffer.alloc(size), { level: 9 });
    zeroMembers.set(size, member);
  }
  return member;
}

/**
 * A chart package whose tar holds a Chart.yaml then `count` files of `size` zero bytes, as a
 * multi-member gzip stream: 1 GiB of content compresses to about 1 MiB.
 */
export function zerosPackage(count: number, size: number): Buffer {
  const chartYaml = buildTar([{ name: 'demo/Chart.yaml', data: CHART_YAML }], { end: false });
  const parts: Buffer[] = [gzipSync(chartYaml)];
  const chunk = 16 * MiB;
  for (let i = 0; i < count; i += 1) {
    parts.push(gzipSync(tarHeader({ name: `demo/files/zeros-${i}.bin`, size })));
    let left = size;
    for (; left >= chunk; left -= chunk) parts.push(zerosMember(chunk));
    // Tar pads each entry to 512 bytes; the sizes used here are multiples of 512.
    if (left > 0) parts.push(gzipSync(Buffer.alloc(left)));
  }
  parts.push(gzipSync(Buffer.alloc(1024)));
  return Buffer.concat(parts);
}

/** A gzip bomb: 64 files of 16 MiB (1 GiB) behind a valid Chart.yaml. */
export function gzipBombPackage(): Buffer {
  return zerosPackage(64, 16 * MiB);
}

/** One 1 GiB file of zeros (real content, not just a declared size). */
export function hugeFilePackage(): Buffer {
  return zerosPackage(1, 1024 * MiB);
}

/** A valid package cut in the middle of its gzip stream. */
export function truncatedPackage(): Buffer {
  const bytes = chartTgz([{ name: 'demo/values.yaml', data: 'replicas: 1\n'.repeat(2000) }]);
  return bytes.subarray(0, Math.floor(bytes.length / 2));
}

/** A package of `count` tiny files (more entries than the inspector reads). */
export function manyEntriesPackage(count = 20_000): Buffer {
  const specs: TarSpec[] = [{ name: 'demo/Chart.yaml', data: CHART_YAML }];
  for (let i = 0; i < count; i += 1) specs.push({ name: `demo/f/${i}`, data: '' });
  return tgz(specs);
}

/** A minimal package with extra (hostile) entries. */
export function hostilePackage(extra: TarSpec[]): Buffer {
  return chartTgz(extra);
}

/** A package whose Chart.yaml is `chartYaml`. */
export function packageWithChartYaml(chartYaml: string): Buffer {
  return chartTgz([], chartYaml);
}

/** A package with no Chart.yaml at all. */
export function packageWithoutChartYaml(): Buffer {
  return tgz([{ name: 'demo/values.yaml', data: 'replicas: 1\n' }]);
}

/** A Chart.yaml that is an alias bomb (nine levels of nine aliases of a keyword list). */
export function aliasBombChartYaml(): string {
  const lines = ['apiVersion: v2', 'name: demo', 'version: 1.0.0', 'a0: &a0 [lol, lol, lol, lol, lol]'];
  for (let i = 1; i <= 9; i += 1)
    lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  lines.push('keywords: *a9');
  return `${lines.join('\n')}\n`;
}

/** An index whose chart name is `length` characters long and whose description is 1 MiB. */
export function longNamesIndex(length = 5000): Buffer {
  const name = `very-long-${'x'.repeat(length - 10)}`;
  return Buffer.from(
    [
      'apiVersion: v1',
      'entries:',
      `  ${name}:`,
      `    - name: ${name}`,
      '      version: 1.0.0',
      `      description: ${'d'.repeat(MiB)}`,
      `      urls: [${name}-1.0.0.tgz]`,
      '',
    ].join('\n'),
  );
}

/**
 * An index of `totalBytes` served as a stream: a valid head, then one chart after another, never
 * held whole in memory. With the default 64 MiB cap, a 512 MiB one must be refused while it streams.
 */
export function oversizedIndexStream(totalBytes = 512 * MiB): Readable {
  const head = Buffer.from('apiVersion: v1\nentries:\n');
  const block = Buffer.from(
    Array.from(
      { length: 4096 },
      (_, i) => `  chart-${i}:\n    - name: chart-${i}\n      version: 1.0.0\n      urls: [chart-${i}.tgz]\n`,
    ).join(''),
  );
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= totalBytes) {
        this.push(null);
        return;
      }
      const chunk = sent === 0 ? head : block;
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

/** A gzip-encoded index that inflates to 1 GiB of spaces (Content-Encoding: gzip). */
export function gzipBombIndex(): Buffer {
  const member = gzipSync(Buffer.alloc(16 * MiB, ' '), { level: 9 });
  return Buffer.concat([
    gzipSync('apiVersion: v1\nentries: {}\n#'),
    ...Array.from({ length: 64 }, () => member),
  ]);
}

/** A stream of `bytes` in 1 MiB chunks. */
export function bufferStream(bytes: Buffer): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += MiB) chunks.push(bytes.subarray(at, at + MiB));
  return Readable.from(chunks, { objectMode: false });
}
