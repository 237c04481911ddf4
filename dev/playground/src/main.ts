// `npm start`: the playground. Prints one URL and how to stop it; Ctrl-C (or SIGTERM) stops
// everything it started.
import { ensureHelm } from '../../../scripts/ensure-helm.js';
import { ArgsError, parsePlaygroundArgs, USAGE, type PlaygroundArgs } from './args.js';
import { CACHE_DIR } from './paths.js';
import { startPlayground } from './playground.js';
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
  const running = await startPlayground({ port: args.port, lang: args.lang, user: args.user });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (running.busyPort !== undefined)
    console.log(`Port ${running.busyPort} is taken, so the playground took another one.`);
  console.log(`Store Importer playground (ready in ${seconds} s): ${running.url}`);
  // The menu hides the page from a user without App Store management: say where it is.
  if (running.user !== 'admin')
    console.log(
      `Signed in as ${running.user} (read-only): the menu hides Import from Repo; open ${running.url}apps-manage/store-importer`,
    );
  console.log(`Ctrl-C stops it. Logs: ${running.logDir}`);
  const crashed = running.backendExited.then(() => 'crash' as const);
  const outcome = await Promise.race([stopSignal(), crashed]);
  if (outcome === 'crash')
    console.error(`playground: the backend stopped unexpectedly; see ${running.logDir}/backend.log`);
  await running.stop();
  return outcome === 'crash' ? 1 : 0;
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
