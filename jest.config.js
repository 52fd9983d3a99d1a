/**
 * Jest through @swc/jest in CommonJS mode. Nest 12 packages are ESM-only, so
 * they are transformed too (see STACK-NOTES). Three projects:
 *   unit  — domain and application logic, no I/O (libs/**\/*.spec.ts)
 *   e2e   — the real HTTP stack against a real PostgreSQL (test/e2e)
 *   smoke — the built system started the way `npm start` starts it (test/smoke)
 */
const swc = [
  '@swc/jest',
  {
    swcrc: false, // .swcrc is for the build (it skips *.spec.ts and rewrites aliases)
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
    '^@keel/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@keel/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  testTimeout: 30_000, // smoke specs raise it for process start-up (jest.setTimeout)
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'smoke', testMatch: ['<rootDir>/test/smoke/**/*.smoke-spec.ts'] },
  ],
};
