// Runs on `npm pack`/`npm publish`: the templates live at the repository root so that editing them needs no copy
// step, but the published package must carry its own copy (templatesRoot() looks here first).
const { cpSync, rmSync } = require('node:fs');
const path = require('node:path');

const source = path.resolve(__dirname, '..', '..', '..', 'templates');
const target = path.resolve(__dirname, '..', 'templates');
rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true });
