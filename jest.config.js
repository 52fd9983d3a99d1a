/**
 * Jest through @swc/jest in CommonJS mode. Nest 12 packages are ESM-only, so
 * they are transformed too (see STACK-NOTES). Three projects:
 *   unit  — domain and application logic, no I/O (libs/**\/*.spec.ts)
 *   e2e   — the real HTTP stack against a real PostgreSQL (test/e2e, and a generated
 *           context's own libs/<context>/test, so the context stays in its folder)
 *   smoke — the built system started the way `npm start` starts it (test/smoke)
 *   system — the production topology on loopback under load and faults (test/system);
 *            minutes long, so only when selected: `npm run test:system`
 */
const swc = [
  '@swc/jest',
  {
    swcrc: false, // .swcrc is for the build (it skips *.spec.ts); aliases resolve through moduleNameMapper
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|jose|content-disposition|file-type|strtoken|token-types|uint8array-extras|@tokenizer)/)',
  ],
  moduleNameMapper: {
    // The REST client the tests consume the API through (packages/client, not a libs/ context).
    '^@keel/client$': '<rootDir>/packages/client/src',
    '^@keel/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@keel/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
};

// `jest --selectProjects system` (npm run test:system) is the only way in: plain `jest`
// (npm test) runs unit, e2e and smoke, and CI runs the system suite as its own step.
function selectedProjects(argv) {
  const names = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--selectProjects=')) names.push(...argv[i].slice('--selectProjects='.length).split(','));
    // A variadic option: its values run up to the next option.
    if (argv[i] === '--selectProjects') for (let j = i + 1; j < argv.length && !argv[j].startsWith('-'); j++) names.push(argv[j]);
  }
  return names;
}
const systemSelected = selectedProjects(process.argv.slice(2)).includes('system');

module.exports = {
  testTimeout: 30_000, // smoke specs raise it for process start-up (jest.setTimeout)
  // One test file at a time, as before, but in a worker process that is replaced once it holds more than
  // this after a file: in the main process (jest's default on 2 cores) what each file's Nest apps, SDK
  // clients and module registry leave behind added up to a 4 GB heap and an out-of-memory abort.
  workerIdleMemoryLimit: '1GB',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/bench/**/*.spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts', '<rootDir>/libs/*/test/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'smoke', testMatch: ['<rootDir>/test/smoke/**/*.smoke-spec.ts'] },
    ...(systemSelected ? [{ ...common, displayName: 'system', testMatch: ['<rootDir>/test/system/**/*.system-spec.ts'] }] : []),
  ],
};
