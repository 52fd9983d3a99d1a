/**
 * The layering rules of Keel, checked in CI (`npm run depcheck`).
 *   domain         → nothing but its own domain, the platform's pure domain kernel and node builtins
 *   application    → domain, platform; never infrastructure
 *   a context      → never another context's code (talk through commands, queries, events)
 *   platform       → never a bounded context
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-outward',
      comment: 'Domain code is plain TypeScript: it may import only its own domain folder and @keel/platform/domain.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/domain/' },
      to: { pathNot: ['^libs/$1/src/domain/', '^libs/platform/src/domain/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'domain-imports-packages',
      comment: 'No framework or ORM in the domain (Nest, TypeORM, class-validator…).',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'application-imports-infrastructure',
      comment: 'Use cases depend on ports; adapters implement them.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/application/' },
      to: { path: '^libs/$1/src/infrastructure/' },
    },
    {
      name: 'context-imports-another-context',
      comment: 'Bounded contexts talk through commands, queries and events, never through each other’s code or tables.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/', pathNot: '^libs/platform/' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/src/', '^libs/platform/src/', '^libs/[^/]+/src/contracts/'] },
    },
    {
      name: 'platform-imports-context',
      comment: 'The platform is shared by every context and must not know any of them.',
      severity: 'error',
      from: { path: '^libs/platform/' },
      to: { path: '^libs/(?!platform/)[^/]+/' },
    },
    {
      name: 'libs-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '\\.spec\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    webpackConfig: { fileName: '.dependency-cruiser.resolve.js' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
