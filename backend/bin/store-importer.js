#!/usr/bin/env node
// The CLI entry; the build (run by `npm ci` through `prepare`) writes dist/.
import '../dist/cli/entry.js';
