/**
 * The layering rules of Keel, checked in CI (`npm run depcheck`).
 *   domain         → nothing but its own domain, the kernel's pure domain (`@keel/kernel/domain`) and node builtins
 *   application    → domain, platform libs; never infrastructure
 *   a context      → never another context's code (talk through commands, queries, events)
 *   platform libs  → never a bounded context; each imports only the platform libs below it (PLATFORM_LIBS)
 * @type {import('dependency-cruiser').IConfiguration}
 */

/**
 * The platform libs (`libs/<name>`, imported as `@keel/<name>`), lowest first. A
 * lib may import the libs listed before it, never one after it: a total order,
 * so there can be no cycle between them. Every other folder under libs/ is a
 * bounded context, so these names are reserved: no context may be called like
 * a platform lib (the context generator reads this list:
 * `require('./.dependency-cruiser.js').PLATFORM_LIBS`).
 */
const PLATFORM_LIBS = ['kernel', 'observability', 'storage', 'persistence', 'messaging', 'http', 'runtime'];

const libPath = (names) => names.map((name) => `^libs/${name}/`);
const PLATFORM = libPath(PLATFORM_LIBS);

const platformLibRules = PLATFORM_LIBS.slice(0, -1).map((lib, index) => ({
  name: `platform-${lib}-imports-upward`,
  comment: `@keel/${lib} may import only the platform libs below it: ${
    PLATFORM_LIBS.slice(0, index)
      .map((l) => `@keel/${l}`)
      .join(', ') || 'none'
  }.`,
  severity: 'error',
  from: { path: `^libs/${lib}/` },
  to: { path: libPath(PLATFORM_LIBS.slice(index + 1)) },
}));

const config = {
  forbidden: [
    ...platformLibRules,
    {
      name: 'lib-imports-another-lib-by-path',
      comment: 'Another lib is imported by its alias (`@keel/<lib>`), never by a relative path into its folder.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: '^libs/$1/', dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'domain-imports-outward',
      comment: 'Domain code is plain TypeScript: it may import only its own domain folder and @keel/kernel/domain.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/src/domain/' },
      to: { pathNot: ['^libs/$1/src/domain/', '^libs/kernel/src/domain/'], dependencyTypesNot: ['core'] },
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
      from: { path: '^libs/([^/]+)/src/', pathNot: PLATFORM },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/src/', ...PLATFORM, '^libs/[^/]+/src/contracts/'] },
    },
    {
      name: 'platform-imports-context',
      comment: 'The platform libs are shared by every context and must not know any of them.',
      severity: 'error',
      from: { path: PLATFORM },
      to: { path: '^libs/', pathNot: PLATFORM },
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
      comment:
        'No import cycles anywhere, inside a platform lib included (between the platform libs, the order above already forbids one).',
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

module.exports = config;
// Not a dependency-cruiser option (it rejects unknown keys), so not enumerable: for the generator and other tools.
Object.defineProperty(module.exports, 'PLATFORM_LIBS', { value: Object.freeze([...PLATFORM_LIBS]), enumerable: false });
