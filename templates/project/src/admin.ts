import pino from 'pino';
import { runAdminCommand } from './admin-command';
import { createRootLogger } from './shared/infrastructure/logger';
import { readConfig } from './startup';

/** `npm run admin -- grant|revoke <email>` (see ./admin-command.ts). */
void runAdminCommand(process.argv.slice(2), {
  readConfig,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // On stderr, synchronously (the process exits right after); stdout has the outcome alone.
  logger: (config) =>
    createRootLogger({ level: config.logLevel, pretty: false }, pino.destination({ dest: 2, sync: true })),
}).then((code) => {
  process.exitCode = code;
});
