#!/usr/bin/env node
// The CLI entry; the build (run by `npm ci` through `prepare`) writes dist/.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
