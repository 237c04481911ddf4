// `npm start`: the playground. Prints one URL and how to stop it; Ctrl-C (or SIGTERM) stops
// everything it started.
import { ensureHelm } from '../../../scripts/ensure-helm.js';
import { ArgsError, parsePlaygroundArgs, USAGE, type PlaygroundArgs } from './args.js';
import { CACHE_DIR } from './paths.js';
import { KS_VERSION, PASSWORD, startPlayground } from './playground.js';
import { ensureSampleRepo } from './sample-repo/generate.js';
import { serveSampleRepo } from './sample-repo/server.js';

/** Resolves with the signal that asks the process to stop. */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      // A second Ctrl-C does not wait for the clean-up.
      process.once('SIGINT', () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

async function repoOnly(): Promise<number> {
  const repo = await serveSampleRepo(
    await ensureSampleRepo({ cacheDir: CACHE_DIR, helm: await ensureHelm() }),
  );
  console.log(`Sample Helm repository: ${repo.url}`);
  console.log('Ctrl-C stops it.');
  await stopSignal();
  await repo.close();
  return 0;
}

async function playground(args: PlaygroundArgs): Promise<number> {
  const started = Date.now();
  process.stderr.write('Starting the playground...\n');
  const running = await startPlayground({ port: args.port, ...(args.lang ? { lang: args.lang } : {}) });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (running.busyPort !== undefined)
    console.log(`Port ${running.busyPort} is taken, so the console took another one.`);
  // The first URL printed is the console's (a fixed contract: scripts read it).
  console.log(`Store Importer playground (ready in ${seconds} s): ${running.url}`);
  console.log(
    [
      `  KubeSphere console ${KS_VERSION.slice(1)} (the real one, from npm). Sign in as:`,
      `    admin  / ${PASSWORD}  platform-admin: Import from Repo is in the header's extension menu (the grid button)`,
      `    viewer / ${PASSWORD}  read-only: no menu entry; ${running.url}apps-manage/store-importer opens the page, imports are refused`,
      `  KubeSphere API (the emulator): ${running.emulator.url}  admin token: ${running.adminToken}`,
      `  Sample Helm repository: ${running.repoUrl}`,
      `  The CLI against it: npm run --silent import -- --server ${running.emulator.url} --token ${running.adminToken} --repo ${running.repoUrl}`,
      `Ctrl-C stops it. Logs: ${running.logDir}`,
    ].join('\n'),
  );
  const outcome = await Promise.race([stopSignal(), running.exited]);
  if (outcome === 'backend' || outcome === 'console')
    console.error(
      `playground: the ${outcome === 'backend' ? 'backend' : 'KubeSphere console'} stopped unexpectedly; see ${running.logDir}`,
    );
  await running.stop();
  return outcome === 'backend' || outcome === 'console' ? 1 : 0;
}

async function main(): Promise<number> {
  let args: PlaygroundArgs;
  try {
    args = parsePlaygroundArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  return args.repoOnly ? repoOnly() : playground(args);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`playground: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
