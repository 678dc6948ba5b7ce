// Runs after `npm pack`: the copy made by copy-templates.js would otherwise shadow the repository's templates.
const { rmSync } = require('node:fs');
const path = require('node:path');

rmSync(path.resolve(__dirname, '..', 'templates'), { recursive: true, force: true });
