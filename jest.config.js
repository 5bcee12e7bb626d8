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
  // No forceExit: every spec closes what it opened, and a leak shows as Jest's "did not exit" /
  // "failed to exit gracefully" warning instead of being hidden.
};
