// The command-line entry of an emulator: run `main` when the file is the process's entry, report
// a start failure in one line, and close the server on SIGINT / SIGTERM.
export function closeOnSignals(close: () => Promise<void>): void {
  const stop = (): void => {
    void close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Runs `main` if the module at `moduleUrl` (its import.meta.url) is the process's entry. */
export function runIfEntry(moduleUrl: string, main: () => Promise<void>): void {
  if (!process.argv[1] || moduleUrl !== new URL(`file://${process.argv[1]}`).href) return;
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
