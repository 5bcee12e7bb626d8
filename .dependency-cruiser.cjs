// The layering rules of the house (docs/ARCHITECTURE.md), checked by `npm run lint` (lint:deps).
// Libraries are infrastructure (no domain knowledge) or domains; identity is a domain that other
// domains build on (accounts, tokens, the auth guard), so infrastructure may not import it either.
const INFRASTRUCTURE = [
  'config',
  'contracts',
  'database',
  'delivery',
  'errors',
  'events',
  'health',
  'http',
  'i18n',
  'realtime',
  'redis',
  'testing',
];
const DOMAINS = ['identity', 'consultations', 'forum', 'polls', 'live', 'moderation', 'decisions', 'transparency', 'notifications', 'demo'];
const any = (names) => `(${names.join('|')})`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'libs-never-import-the-app',
      comment:
        'A library is used by the app, never the other way round: nothing in libs/ imports apps/ (nor test/, whose support boots the app).',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|test)/' },
    },
    {
      name: 'infrastructure-imports-no-domain',
      comment: `Infrastructure libraries (${INFRASTRUCTURE.join(', ')}) know no domain (${DOMAINS.join(', ')}): a domain plugs into them, through an interface or an event.`,
      severity: 'error',
      from: { path: `^libs/${any(INFRASTRUCTURE)}/` },
      to: { path: `^libs/${any(DOMAINS)}/` },
    },
    {
      name: 'web-imports-only-contracts-from-the-server',
      comment: 'The web bundle shares @balai/contracts with the server and nothing else of it.',
      severity: 'error',
      from: { path: '^apps/web/src/' },
      to: { path: '^(apps/(?!web/)|libs/(?!contracts/))' },
    },
    {
      name: 'web-imports-no-node-builtins',
      comment: 'The browser has no Node built-ins.',
      severity: 'error',
      from: { path: '^apps/web/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-imports-no-server-packages',
      comment: 'Server-side packages stay out of the browser bundle.',
      severity: 'error',
      from: { path: '^apps/web/src/' },
      to: {
        path: 'node_modules/(@nestjs|@mikro-orm|@fastify|@socket\\.io/redis|socket\\.io/|ioredis|pg|argon2|pino|nestjs-pino|class-validator|class-transformer)/',
      },
    },
    {
      name: 'contracts-are-plain',
      comment:
        'libs/contracts holds plain types and constants: it imports nothing but itself (no package, no Node built-in, no other library).',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { pathNot: '^libs/contracts/' },
    },
    {
      name: 'no-circular',
      comment: 'Libraries and modules form no cycle.',
      severity: 'error',
      from: { path: '^(apps|libs)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|data)/' },
    // Type-only imports count: a contract that imports a server type is as wrong as one that imports code.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
