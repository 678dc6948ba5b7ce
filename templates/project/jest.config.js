/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  // Every core: Jest's default leaves one idle, which halves a 2-core CI runner.
  maxWorkers: '100%',
  reporters: ['default', '<rootDir>/jest.not-run-reporter.js'],
  // The typed-client compile check takes seconds of the TypeScript compiler: `npm run test:contract` (CI) runs it.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/src/openapi/typed-client\\.test\\.ts$'],
  // ESM-only packages (jose; bentocache and the packages it imports): Jest's CommonJS runtime needs them
  // transpiled like our own sources. Node itself loads them with require().
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|bentocache|@boringnode|@poppinss|@julr|@paralleldrive|@noble|p-timeout|case-anything)/)',
  ],
  transform: {
    '^.+\\.[tj]s$': [
      'ts-jest',
      { tsconfig: { module: 'commonjs', allowJs: true, isolatedModules: true, esModuleInterop: true } },
    ],
  },
};
