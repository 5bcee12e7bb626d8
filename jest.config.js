/** Unit specs beside the code (libs/**, apps/**) and e2e specs in test/e2e, one runner. */
const swcOptions = require('fs').readFileSync(__dirname + '/.swcrc', 'utf8');

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/api/**/*.spec.ts', '<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...JSON.parse(swcOptions), swcrc: false }] },
  moduleNameMapper: { '^@balai/(.*)$': '<rootDir>/libs/$1/src' },
  testTimeout: 60_000,
  maxWorkers: 2,
  // Socket.IO and PostgreSQL handles are closed by each test's afterAll; this catches stragglers.
  forceExit: true,
};
