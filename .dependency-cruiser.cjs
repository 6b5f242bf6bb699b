/**
 * The dependency rule, as code (`npm run lint`): the domain imports no framework or I/O, the event
 * store knows no domain or app code, the application layer depends only on them, shared app folders
 * never reach into a feature, and a feature uses another only through its index.ts or its module.
 * Folder-level cycles are checked by scripts/folder-cycles.mjs.
 */
const APP = '^apps/ouvidoria-api/src/';
const FEATURES = '(manifestations|recommendations|work-queue|department-inbox|rea-report|kafka|audit|health|notifications|metrics)';
const SHARED = '(application|auth|config|http|infrastructure|input|problems|projections)';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain is plain TypeScript: no framework, no database, no I/O, no app or store code.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        pathNot: ['^libs/domain/', '^node_modules/(date-holidays|luxon)/'],
      },
    },
    {
      name: 'event-store-knows-no-domain',
      comment: 'The event store port and adapters store events of any kind: no domain, no app code.',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: ['^libs/domain/', '^apps/'] },
    },
    {
      name: 'application-depends-inward',
      comment: 'The application layer (command path, ports) depends on the domain and the store port only.',
      severity: 'error',
      from: { path: `${APP}application/` },
      to: { path: APP, pathNot: `${APP}application/` },
    },
    {
      name: 'shared-knows-no-feature',
      comment: 'Shared folders (ports, HTTP, input, problems, the projection engine, auth, config) serve features and import none.',
      severity: 'error',
      from: { path: `${APP}${SHARED}/` },
      to: { path: `${APP}${FEATURES}/` },
    },
    {
      name: 'feature-internals-are-private',
      comment: 'A feature uses another feature only through its index.ts or its Nest module, never its internals.',
      severity: 'error',
      from: { path: `${APP}([^/]+)/` },
      to: { path: `${APP}${FEATURES}/`, pathNot: [`${APP}$1/`, '/index\\.ts$', '\\.module\\.ts$'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.spec\\.ts$', '\\.int-spec\\.ts$', '/test-support/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['require', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
