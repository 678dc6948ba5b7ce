/**
 * End-to-end phase (`npm run test:e2e`): slow, runs in band; `*.e2e.test.ts` only.
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e.test.ts'],
  // Hooks that generate and install a project set their own (longer) timeouts.
  testTimeout: 600_000,
  maxWorkers: 1,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
};
