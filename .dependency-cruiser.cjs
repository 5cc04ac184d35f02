/**
 * The layering of docs/architecture.md, enforced by `npm run deps`: imports point down, no cycles, and the SDK
 * (packages/client, `@coupond/client`) stands alone: it imports nothing outside itself. Test files may import any layer.
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
  api: ['domain', 'protocol', 'schemas', 'store', 'notify', 'services', 'component', 'console', 'api'],
};

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer} may import only ${allowed.map((a) => `src/${a}`).join(', ')} (docs/architecture.md, Layers)`,
  severity: 'error',
  from: { path: `^src/${layer}/`, pathNot: TESTS },
  to: { path: '^src/', pathNot: `^src/(${allowed.join('|')})/` },
}));

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
      name: 'sdk-stands-alone',
      comment:
        '@coupond/client installs without dependencies and runs in browsers: it imports only its own files (D-123).',
      severity: 'error',
      from: { path: '^packages/client/src/' },
      to: { pathNot: '^packages/client/src/' },
    },
    {
      name: 'sdk-through-its-entries',
      comment: 'The server uses @coupond/client as a user would: through `@coupond/client` and `…/protocol` only.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^packages/client/src/', pathNot: '^packages/client/src/(protocol/)?index\\.ts$' },
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
      conditionNames: ['coupond-source', 'import', 'require', 'node', 'default', 'types'],
    },
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};
