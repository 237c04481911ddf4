// `store-importer bundle`: writes an offline bundle of what an import would upload, for a
// cluster that cannot reach the repository. Progress on stderr, the report (or the images) on stdout.
import { readFile } from 'node:fs/promises';

import { counted, createChartRepository, reasonOf, writeBundle } from '../engine/index.js';
import type { BundleReport, RepoClientOptions, RepoSource } from '../engine/index.js';
import type { BundleConfig } from './args.js';

interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface BundleDependencies {
  /** The repository's source and client options, as an import reads them from the same flags. */
  access(warn: (text: string) => void): Promise<{ source: RepoSource; options: RepoClientOptions }>;
  /** One line saying what went wrong and what to do (main.ts explain). */
  explain(error: unknown): string;
}

/** Writes the bundle and returns the exit code: 0 written, 2 not written. */
export async function makeBundle(
  config: BundleConfig,
  streams: Streams,
  deps: BundleDependencies,
): Promise<number> {
  const { stdout, stderr } = streams;
  const warn = (text: string): void => {
    stderr.write(`warning: ${text}\n`);
  };
  // Ctrl-C stops the downloads; the half-made bundle is removed, the output left as it was.
  const abort = new AbortController();
  const onSignal = (): void => {
    abort.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let report: BundleReport;
  try {
    const { source, options } = await deps.access(warn);
    report = await writeBundle(createChartRepository(source, options), {
      repoUrl: config.repo,
      selection: {
        versions: config.versions,
        charts: config.charts,
        includeDeprecated: config.includeDeprecated,
      },
      output: config.output,
      toolVersion: await toolVersion(),
      signal: abort.signal,
      onProgress: (progress) => {
        switch (progress.type) {
          case 'index':
            stderr.write(
              `bundle: ${counted(progress.versions, 'version')} of ${counted(progress.charts, 'chart')}\n`,
            );
            break;
          case 'version':
            stderr.write(
              `[${progress.done}/${progress.total}] bundled ${progress.chart} ${progress.version}\n`,
            );
            break;
          case 'note':
            warn(progress.text);
            break;
        }
      },
    });
  } catch (error) {
    stderr.write(`error: ${deps.explain(error)}\n`);
    return 2;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const summary = `wrote ${report.output}: ${counted(report.charts.length, 'version')} of ${counted(
    new Set(report.charts.map(({ chart }) => chart)).size,
    'chart',
  )}, ${counted(report.images.length, 'container image')}, ${report.bytes} bytes`;
  if (config.json) {
    stdout.write(`${JSON.stringify(report)}\n`);
  } else if (config.images) {
    // The images alone on stdout, for `| xargs -n1 ...` or a mirroring tool's list.
    stdout.write(report.images.map((image) => `${image}\n`).join(''));
    stderr.write(`${summary}\n`);
  } else {
    stdout.write(`${summary}\n`);
  }
  return 0;
}

/** The version in backend/package.json (the same path from src/cli and dist/cli). */
async function toolVersion(): Promise<string> {
  try {
    const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch (error) {
    return `unknown (${reasonOf(error)})`;
  }
}
