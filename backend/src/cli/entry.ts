// Process entry of the CLI: runs it and sets the exit code.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
