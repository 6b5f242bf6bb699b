#!/usr/bin/env node
// The operator CLI (`ouvidoria <command>`, or `npm run cli -- <command>`): runs the compiled code,
// so a command starts in well under a second instead of rebuilding the app first.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'apps', 'ouvidoria-api', 'apps', 'ouvidoria-api', 'src', 'cli.js');
if (!existsSync(entry)) {
  process.stderr.write('ouvidoria: the app is not built yet; run `npm run build` (or `npm start`) once first\n');
  process.exit(1);
}
require(entry);
