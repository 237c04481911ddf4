// Chart packages written in code, without helm: for tests and benchmarks that need many of them
// fast, or entries no tar tool writes.
import { gzipSync } from 'node:zlib';

import { Header } from 'tar';

/** A tar.gz of the given entries, in order, same paths allowed (which no tar tool writes). */
export function tarGz(entries: [string, string][]): Buffer {
  return tarGzEntries(entries.map(([path, content]) => ({ path, data: Buffer.from(content) })));
}

/** One entry of a hand-made archive: a file by default; `size` may claim more than `data` has. */
export interface TarEntrySpec {
  path: string;
  data?: Buffer;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'BlockDevice' | 'FIFO';
  linkpath?: string;
  size?: number;
}

/** A tar.gz of entries of any type, written header by header as no tar tool would. */
export function tarGzEntries(entries: TarEntrySpec[]): Buffer {
  const blocks: Buffer[] = [];
  for (const { path, data = Buffer.alloc(0), type = 'File', linkpath, size } of entries) {
    const header = new Header({
      path,
      size: size ?? data.length,
      type,
      mode: type === 'Directory' ? 0o755 : 0o644,
      mtime: new Date(0),
      ...(linkpath === undefined ? {} : { linkpath }),
    });
    header.encode();
    if (!header.block) throw new Error('tar header not encoded');
    blocks.push(header.block, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  return gzipSync(Buffer.concat([...blocks, Buffer.alloc(1024)]));
}

/** The smallest valid chart package: `<name>/Chart.yaml`, as helm lays it out. */
export function minimalChartPackage(name: string, version: string): Buffer {
  return tarGz([[`${name}/Chart.yaml`, `apiVersion: v2\nname: ${name}\nversion: ${version}\n`]]);
}
