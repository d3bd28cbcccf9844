// Three sizes of test (see README): unit tests beside the code, integration tests against the real stack, and
// end-to-end tests through the gateway. The integration and e2e projects share one stack, started once per run.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true } }];
const shared = {
  testEnvironment: 'node',
  // feed ships ESM only and has no CommonJS build: jest compiles it like the project's own code.
  transform: { '^.+\\.ts$': swc, '/node_modules/feed/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!feed/)'],
  moduleNameMapper: {
    '^@hub/(.*)$': '<rootDir>/libs/$1/src',
    // marked ships ESM only; Node 20 requires it natively but jest's module loader cannot, so tests use its UMD build.
    '^marked$': '<rootDir>/node_modules/marked/lib/marked.umd.js',
  },
};

module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'security',
      testMatch: ['<rootDir>/test/security/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    // Faults on a private stack that the scenarios restart: only through `npm run chaos` (tools/chaos/run.mjs).
    ...(process.env.HUB_CHAOS
      ? [
          {
            ...shared,
            displayName: 'chaos',
            testMatch: ['<rootDir>/test/chaos/**/*.chaos.spec.ts'],
            setupFiles: ['<rootDir>/test/chaos/support/worker-stack.ts'],
            globalSetup: '<rootDir>/test/support/global-setup.ts',
            globalTeardown: '<rootDir>/test/support/global-teardown.ts',
          },
        ]
      : []),
  ],
};
