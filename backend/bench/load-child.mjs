// Child process of the index-load benchmark: loads one repository index with our client, from
// the backend's build output (plain JavaScript, as in production), and prints
// {loadMs, versions, charts, warnings, maxRssKiB} as JSON. Its own process, so its peak RSS is its own.
import { performance } from 'node:perf_hooks';
import process from 'node:process';

import { createChartRepository } from '../dist/engine/repo/index.js';

const url = process.argv[2];
if (url === undefined) throw new Error('usage: load-child.mjs <repo-url>');
const started = performance.now();
const index = await createChartRepository({ url }).loadIndex();
const loadMs = performance.now() - started;
let versions = 0;
for (const list of index.entries.values()) versions += list.length;
const report = {
  loadMs,
  versions,
  charts: index.entries.size,
  warnings: index.warnings.length,
  maxRssKiB: process.resourceUsage().maxRSS,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
