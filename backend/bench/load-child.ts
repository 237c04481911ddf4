// Child process of the index-load benchmark: loads one repository index with our client and
// prints {loadMs, versions, charts, maxRssKiB} as JSON. Run in its own process so that its peak
// RSS is its own.
import { createChartRepository } from '../src/engine/repo/index.js';

const url = process.argv[2];
if (url === undefined) throw new Error('usage: load-child.ts <repo-url>');
const started = performance.now();
const index = await createChartRepository({ url }).loadIndex();
const loadMs = performance.now() - started;
let versions = 0;
for (const list of index.entries.values()) versions += list.length;
process.stdout.write(
  `${JSON.stringify({ loadMs, versions, charts: index.entries.size, warnings: index.warnings.length, maxRssKiB: process.resourceUsage().maxRSS })}\n`,
);
