// What the CLI shows: progress on stderr, the report on stdout (human text or one JSON object).
import type { ImportEvent, ImportReport, PrunedVersion } from '../engine/index.js';
import { counted } from '../engine/index.js';

export interface Output {
  onEvent(event: ImportEvent): void;
  /** A warning of the CLI's own (a retry, Ctrl-C), printed as the engine's warnings are. */
  notice(text: string): void;
  /** `unchanged`: the sentence saying the repository and the store are as the last complete run left them. */
  report(report: ImportReport, unchanged?: string): void;
  error(message: string): void;
}

/** A pruned version's outcome in a line; a kept one's reason starts with "kept:". */
function prunedLine({ chart, version, status, reason }: PrunedVersion): string {
  const outcome =
    status === 'kept' ? reason : `${status === 'removed' ? 'removed' : 'would be removed'} (${reason})`;
  return `${chart} ${version}: ${outcome}`;
}

interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export function createOutput(json: boolean, streams: Streams): Output {
  const { stdout, stderr } = streams;
  const live = Boolean(stderr.isTTY);
  let progressShown = false;
  const clearProgress = (): void => {
    if (progressShown) stderr.write('\r\x1b[2K');
    progressShown = false;
  };
  const log = (line: string): void => {
    clearProgress();
    stderr.write(`${line}\n`);
  };

  return {
    onEvent(event) {
      switch (event.type) {
        case 'index':
          log(`repository: ${counted(event.charts, 'chart')}, ${counted(event.versions, 'version')}`);
          break;
        case 'plan':
          log(
            `plan: ${counted(event.versions, 'version')} of ${counted(event.charts, 'chart')}, ${event.toUpload} to upload`,
          );
          break;
        case 'warning':
          log(`warning: ${event.warning.message}`);
          break;
        case 'pruned': {
          const { entry } = event;
          log(`prune: ${prunedLine(entry)}`);
          break;
        }
        case 'item': {
          const { item } = event;
          const line = `[${event.done}/${event.total}] ${item.status.padEnd(7)} ${item.chart} ${item.version}`;
          if (live) {
            clearProgress();
            stderr.write(line.slice(0, 120));
            progressShown = true;
            if (item.status === 'failed') log(`${line}: ${item.reason}`);
          } else {
            log(item.reason ? `${line}: ${item.reason}` : line);
          }
          break;
        }
      }
    },
    notice(text) {
      log(`warning: ${text}`);
    },
    report(report, unchanged) {
      clearProgress();
      if (json) {
        const { repo, summary } = report;
        // The --json items keep their five fields (a fixed contract): no messages, no remedy.
        const items = report.items.map(({ chart, version, status, app, reason }) => ({
          chart,
          version,
          status,
          app,
          reason,
        }));
        const body =
          unchanged === undefined ? { repo, items, summary } : { repo, items, summary, unchanged: true };
        // Only a run with --prune has `pruned` (main.ts): the report of other runs keeps its shape.
        const pruned = report.pruned?.map(({ chart, version, app, status, reason }) => ({
          chart,
          version,
          app,
          status,
          reason,
        }));
        stdout.write(`${JSON.stringify(pruned === undefined ? body : { ...body, pruned })}\n`);
        return;
      }
      if (unchanged !== undefined) stdout.write(`unchanged: ${unchanged}\n`);
      const failed = report.items.filter((item) => item.status === 'failed');
      if (failed.length > 0) {
        stdout.write('Failed:\n');
        for (const item of failed) stdout.write(`  ${item.chart} ${item.version}: ${item.reason}\n`);
      }
      if (report.pruned !== undefined && report.pruned.length > 0) {
        stdout.write('Versions the repository no longer lists:\n');
        for (const entry of report.pruned) stdout.write(`  ${prunedLine(entry)}\n`);
      }
      const { created, exists, failed: failures, planned } = report.summary;
      const parts = [`${created} created`, `${exists} already in the store`, `${failures} failed`];
      if (planned > 0) parts.push(`${planned} planned (dry run)`);
      // Sizes are looked up in a dry run only: say how many would need slimming, even none.
      if (report.overLimit !== undefined)
        parts.push(`${report.overLimit} over the store's 1 MiB package limit (without S3)`);
      stdout.write(`${report.repo}: ${parts.join(', ')}\n`);
    },
    error(message) {
      clearProgress();
      stderr.write(`error: ${message}\n`);
    },
  };
}
