/**
 * The layering of docs/architecture.md, enforced by `npm run deps`: imports point down, no cycles, and the SDK
 * (src/client) never reaches server code. Test files may import any layer.
 */
const TESTS = '\\.test\\.ts$|\\.test-helper\\.ts$';

/** A layer may import only the folders listed for it (its own included). */
const LAYERS = {
  domain: ['domain'],
  protocol: ['domain', 'protocol'],
  schemas: ['domain', 'schemas'],
  store: ['domain', 'protocol', 'schemas', 'store'],
  notify: ['domain', 'protocol', 'schemas', 'store', 'notify'],
  services: ['domain', 'protocol', 'schemas', 'store', 'notify', 'services'],
  component: ['domain', 'protocol', 'schemas', 'component'],
  console: ['domain', 'protocol', 'schemas', 'store', 'notify', 'services', 'component', 'console'],
  client: ['domain', 'protocol', 'schemas', 'client'],
  api: ['domain', 'protocol', 'schemas', 'store', 'notify', 'services', 'component', 'console', 'api'],
};

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer} may import only ${allowed.map((a) => `src/${a}`).join(', ')} (docs/architecture.md, Layers)`,
  severity: 'error',
  from: { path: `^src/${layer}/`, pathNot: TESTS },
  to: { path: '^src/', pathNot: `^src/(${allowed.join('|')})/` },
}));

const SERVER_PACKAGES =
  '^node_modules/(fastify|@fastify|pg|pg-[a-z-]+|better-sqlite3|kysely|prom-client|ipaddr\\.js|esbuild)/';

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'A cycle makes two files one unit that cannot be understood, tested or moved apart.',
      severity: 'error',
      from: { path: '^src/', pathNot: TESTS },
      to: { circular: true },
    },
    {
      name: 'browser-code',
      comment: 'Browser code imports values only from code that runs in a browser; types may come from anywhere.',
      severity: 'error',
      from: { path: '^src/(component|console)/browser/' },
      to: {
        dependencyTypesNot: ['type-only'],
        pathNot: '^src/(domain|schemas|component/browser|console/browser)/|^node_modules/(@sinclair/typebox|uplot)/',
      },
    },
    {
      name: 'pure-foundations',
      comment: 'domain, protocol and schemas use node built-ins and TypeBox only, so the SDK can stand on them.',
      severity: 'error',
      from: { path: '^src/(domain|protocol|schemas)/', pathNot: TESTS },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: '^node_modules/@sinclair/typebox/',
      },
    },
    {
      name: 'sdk-without-server',
      comment: 'coupond/client must install and run without the server: nothing it reaches may use a server package.',
      severity: 'error',
      from: { path: '^src/client/', pathNot: TESTS },
      to: { path: SERVER_PACKAGES, reachable: true },
    },
    {
      name: 'sdk-is-a-leaf',
      comment: 'Only the CLI (and tests) use the SDK; the server never depends on it.',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(cli|client)/|${TESTS}` },
      to: { path: '^src/client/' },
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
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
