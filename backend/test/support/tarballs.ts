// Chart packages written in code, without helm: for tests and benchmarks that need many of them
// fast, or entries no tar tool writes.
import { gzipSync } from 'node:zlib';

import { Header } from 'tar';

/** A tar.gz of the given entries, in order, same paths allowed (which no tar tool writes). */
export function tarGz(entries: [string, string][]): Buffer {
  const blocks: Buffer[] = [];
  for (const [path, content] of entries) {
    const data = Buffer.from(content);
    const header = new Header({ path, size: data.length, type: 'File', mode: 0o644, mtime: new Date(0) });
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
