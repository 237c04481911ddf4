// `npm audit` of the production dependencies (what the image ships): fails on a high or critical
// advisory, lists every advisory found. Needs the npm registry's audit endpoint; when it cannot be
// reached the audit fails (exit 2): an unknown result is not a pass.
// Usage: node scripts/audit.mjs   (AUDIT_REPORT=file.json reads a saved `npm audit --json` instead)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const FAIL_AT = ['high', 'critical'];

function npmAudit() {
  if (process.env.AUDIT_REPORT) return { status: 0, stdout: readFileSync(process.env.AUDIT_REPORT, 'utf8') };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['audit', '--omit=dev', '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) {
    console.error(`audit: could not run npm: ${run.error.message}`);
    process.exit(2);
  }
  return run;
}

const run = npmAudit();

let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(
    `audit: npm audit printed no JSON report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`,
  );
  process.exit(2);
}
if (report.error) {
  // e.g. the registry could not be reached: not a pass.
  const reason =
    report.message ?? (report.error.summary || report.error.detail || JSON.stringify(report.error));
  console.error(`audit: npm audit could not get the advisories, so nothing is known: ${reason}`);
  process.exit(2);
}

const counts = report.metadata?.vulnerabilities ?? {};
const findings = Object.values(report.vulnerabilities ?? {});
for (const finding of findings) {
  const via = (finding.via ?? [])
    .map((entry) => (typeof entry === 'string' ? `via ${entry}` : `${entry.title} (${entry.url})`))
    .join('; ');
  console.log(`audit: ${finding.severity.padEnd(8)} ${finding.name} ${finding.range}: ${via}`);
}
const total = report.metadata?.dependencies?.prod ?? report.metadata?.dependencies?.total ?? '?';
const summary = ['info', 'low', 'moderate', 'high', 'critical'].map(
  (level) => `${counts[level] ?? 0} ${level}`,
);
console.log(`audit: ${total} production dependencies; advisories: ${summary.join(', ')}`);
const blocking = FAIL_AT.reduce((sum, level) => sum + (counts[level] ?? 0), 0);
if (blocking > 0) {
  console.error(
    `audit: ${blocking} high or critical advisories in production dependencies: fix or update them`,
  );
  process.exit(1);
}
console.log('audit: no high or critical advisory in production dependencies');
