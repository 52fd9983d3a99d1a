/**
 * The layering rules of Keel, checked in CI (`npm run depcheck`).
 *   domain         → nothing but its own domain, the platform's pure domain kernel and node builtins
 *   application    → domain, platform; never infrastructure
 *   a context      → never another context's code (talk through commands, queries, events)
 *   platform       → never a bounded context
 *   platform libs  → a future platform lib imports only the libs below it (PLATFORM_LIBS)
 * @type {import('dependency-cruiser').IConfiguration}
 */

/**
 * The future libs of libs/platform, lowest first, and the folders of
 * libs/platform/src each one will be made of. A lib may import the libs listed
 * before it, never one after it, so splitting the folders into separate libs
 * later cannot create a cycle. `<root>` is libs/platform/src/*.ts (the barrel and
 * PlatformModule, which assemble everything).
 */
const PLATFORM_LIBS = [
  { lib: 'kernel', folders: ['domain', 'kernel', 'config', 'logging', 'lifecycle', 'time', 'testing'] },
  { lib: 'observability', folders: ['observability', 'resilience'] },
  { lib: 'persistence', folders: ['database', 'cache', 'embedded'] },
  { lib: 'messaging', folders: ['messaging', 'commands'] },
  { lib: 'http', folders: ['errors', 'auth', 'http', 'pagination'] },
  { lib: 'runtime', folders: ['health', 'runtime', 'feature-flags', '<root>'] },
];

const platformPath = (folders) =>
  folders.map((folder) => (folder === '<root>' ? '^libs/platform/src/[^/]+$' : `^libs/platform/src/${folder}/`));

const platformLibRules = PLATFORM_LIBS.slice(0, -1).map(({ lib, folders }, index) => ({
  name: `platform-${lib}-imports-upward`,
  comment: `The platform's ${lib} lib (${folders.join(', ')}) may import only the platform libs below it: ${
    PLATFORM_LIBS.slice(0, index)
      .map((l) => l.lib)
      .join(', ') || 'none'
  }.`,
  severity: 'error',
  from: { path: platformPath(folders) },
  to: { path: '^libs/platform/src/', pathNot: platformPath(PLATFORM_LIBS.slice(0, index + 1).flatMap((l) => l.folders)) },
}));

module.exports = {
  forbidden: [
    ...platformLibRules,
    {
      name: 'platform-folder-without-lib',
      comment: 'Every folder of libs/platform/src belongs to one future lib: add the new folder to PLATFORM_LIBS.',
      severity: 'error',
      from: { path: '^libs/platform/src/', pathNot: platformPath(PLATFORM_LIBS.flatMap((l) => l.folders)) },
      to: {},
    },
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
      name: 'production-imports-test-doubles',
      comment: 'In-memory fakes (`testing/`, `*.fake.ts`) are for unit specs; the build leaves them out (.swcrc).',
      severity: 'error',
      from: { pathNot: ['/testing/', '\\.fake\\.ts$'] },
      to: { path: ['/testing/', '\\.fake\\.ts$'] },
    },
    {
      name: 'libs-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles anywhere, libs/platform included (a cycle between its folders would block the split).',
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
