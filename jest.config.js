// Three tiers, one run: unit (pure code), integration (one adapter against the real Kafka,
// FerretDB or GCS emulator) and end-to-end (through the gateway on the real stack, and the web
// page in a real browser). The stack is started once per run by the global setup and shared;
// tests isolate themselves by unique database, topic and bucket names.
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const moduleNameMapper = { '^@mi/testing$': '<rootDir>/test/support', '^@mi/([a-z-]+)$': '<rootDir>/libs/$1/src' };
const common = { transform, moduleNameMapper, testEnvironment: 'node', rootDir: __dirname };

module.exports = {
  // Integration and end-to-end tests wait on real brokers; a unit test never comes near this.
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services}/**/*.unit.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/{libs,services}/**/*.int.spec.ts'], slowTestThreshold: 20 },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.spec.ts'], slowTestThreshold: 60 },
    // kill -9 of services and restarts of Kafka, FerretDB and the GCS emulator, each followed by
    // the invariants of DESIGN.md §6; infrastructure faults run on a stack of their own.
    {
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.faults.spec.ts'],
      slowTestThreshold: 120,
    },
    // The web page in real Chromium (Debian's, never a downloaded one) against the whole platform.
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser.spec.ts'],
      slowTestThreshold: 60,
    },
  ],
};
