// The command-line entry of an emulator: run `main` when the file is the process's entry, report
// a start failure in one line, and close the server on SIGINT / SIGTERM.
export function closeOnSignals(close: () => Promise<void>): void {
  const stop = (): void => {
    void close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** What a failed start says: a port in use in words, naming the flag that changes it. */
export function startFailure(err: unknown): string {
  if (err instanceof Error && 'code' in err && err.code === 'EADDRINUSE') {
    const { port, address } = err as Error & { port?: unknown; address?: unknown };
    const which = typeof port === 'number' ? `port ${String(port)}` : 'the port';
    const where = typeof address === 'string' ? ` on ${address}` : '';
    return `${which} is already in use${where}: choose another with --port`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** Runs `main` if the module at `moduleUrl` (its import.meta.url) is the process's entry. */
export function runIfEntry(moduleUrl: string, main: () => Promise<void>): void {
  if (!process.argv[1] || moduleUrl !== new URL(`file://${process.argv[1]}`).href) return;
  main().catch((err: unknown) => {
    console.error(startFailure(err));
    process.exit(1);
  });
}
