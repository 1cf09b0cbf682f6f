// Two projects: pure unit specs beside the code, and end-to-end specs in test/ that talk to the
// real PostgreSQL, Redis and a loopback SMTP server. swc transpiles (fast); `npm run typecheck` checks types.
// NestJS 12, marked (a test reader) and otplib's hashes ship as ES modules; jest's CommonJS module runtime cannot
// require them, so swc transpiles those packages to CommonJS too (plain Node 24 requires them natively).
// Same process zone as src/process-zone.ts, inherited by the test workers.
process.env.TZ = 'UTC';

const swc = ['@swc/jest', { module: { type: 'commonjs' } }];
const transform = { '^.+\\.(ts|js|mjs)$': swc };
const transformIgnorePatterns = [
  '/node_modules/(?!(@nestjs|@bull-board|marked|otplib|@otplib|@scure|@noble|intl-messageformat|@formatjs)/)',
];

const project = (displayName, testMatch, extra = {}) => ({
  displayName,
  rootDir: __dirname,
  testMatch,
  transform,
  transformIgnorePatterns,
  testEnvironment: 'node',
  ...extra,
});

module.exports = {
  // A global option (ignored inside a project): end-to-end tests boot an app and a database.
  testTimeout: 60000,
  // Each test file's app leaves memory behind that the next file does not reclaim: run the files in a
  // worker (even a single one) that is replaced once it holds more than this after a file, instead
  // of one process whose heap grows to its limit over the whole suite (it ran out once at 4 GB).
  workerIdleMemoryLimit: '1GB',
  projects: [
    // test/**/*.spec.ts: unit specs of the test support and of repository files (compose).
    project('unit', ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts']),
    project('e2e', ['<rootDir>/test/**/*.e2e-spec.ts']),
  ],
};
