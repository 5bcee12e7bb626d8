import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * The OpenAPI description is what the server serves: every documented operation is a route the
 * router knows, and every route the API serves (under /api/v1, and /health) is documented.
 */
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Operation = { method: string; path: string };

const key = (operation: Operation) => `${operation.method.toUpperCase()} ${operation.path}`;
/** OpenAPI's `/threads/{id}` is the router's `/threads/:id`. */
const routerPath = (openApiPath: string) => openApiPath.replace(/\{([^}]+)\}/g, ':$1');

describe('API docs', () => {
  let testApp: TestApp;
  const served: Operation[] = [];

  beforeAll(async () => {
    testApp = await createTestApp({
      // Nest registers its controllers' routes when the app starts listening: collect them as Fastify adds them.
      beforeListen: (app) =>
        app
          .getHttpAdapter()
          .getInstance()
          .addHook('onRoute', (route) => {
            for (const method of [route.method].flat()) served.push({ method: method.toLowerCase(), path: route.url });
          }),
    });
  });
  afterAll(() => testApp.close());

  async function documentedOperations(): Promise<{ document: any; operations: Operation[] }> {
    const res = await fetch(`${testApp.url}/api/docs-json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as any;
    const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      METHODS.filter((method) => method in item).map((method) => ({ method, path })),
    );
    return { document, operations };
  }

  it('documents only routes the router serves: no documented operation gets the route-not-found 404', async () => {
    const { operations } = await documentedOperations();
    expect(operations.length).toBeGreaterThan(20);
    const fastify = testApp.app.getHttpAdapter().getInstance();
    const missing: string[] = [];
    for (const operation of operations) {
      const path = routerPath(operation.path);
      if (!fastify.hasRoute({ method: operation.method.toUpperCase() as 'GET', url: path }))
        missing.push(`${key(operation)}: no such route`);
      const url = path.replace(/:code\b/g, 'ABCDEF').replace(/:[A-Za-z]+/g, () => randomUUID());
      const res = await fetch(`${testApp.url}${url}`, {
        method: operation.method.toUpperCase(),
        ...(operation.method === 'get' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' }),
      });
      const body = (await res.json().catch(() => ({}))) as any;
      if (res.status === 404 && body.detail === `Cannot ${operation.method.toUpperCase()} ${url}`)
        missing.push(`${key(operation)}: router 404`);
    }
    expect(missing).toEqual([]);
  });

  it('documents every route served under /api/v1, and /health', async () => {
    const { operations } = await documentedOperations();
    const documented = new Set(operations.map((operation) => key({ ...operation, path: routerPath(operation.path) })));
    const api = served.filter(
      (route) => (route.path.startsWith('/api/v1/') || route.path === '/health') && !['head', 'options'].includes(route.method),
    );
    expect(api.length).toBeGreaterThan(20);
    expect(api.map(key).filter((route) => !documented.has(route))).toEqual([]);
  });

  it('names in its description and tags only the sections it has operations for', async () => {
    const { document } = await documentedOperations();
    const used = new Set(
      Object.values(document.paths as Record<string, Record<string, { tags?: string[] }>>).flatMap((item) =>
        Object.values(item).flatMap((operation) => operation.tags ?? []),
      ),
    );
    expect(document.tags.map((tag: { name: string }) => tag.name).sort()).toEqual([...used].sort());
    for (const word of ['moderation', 'decisions', 'notifications', 'transparency']) {
      if (!used.has(word)) expect(document.info.description).not.toMatch(new RegExp(`\\b${word}\\b`, 'i'));
    }
  });

  it('serves the AsyncAPI document of /live and links it from the OpenAPI description', async () => {
    const res = await fetch(`${testApp.url}/api/docs/asyncapi.json`);
    expect(res.status).toBe(200);
    const asyncapi = (await res.json()) as any;
    expect(asyncapi.asyncapi).toBe('3.0.0');
    expect(asyncapi.components.schemas.Session.required).toEqual(expect.arrayContaining(['createdAt', 'startedAt', 'endedAt']));
    const { document } = await documentedOperations();
    expect(document.info.description).toContain('/api/docs/asyncapi.json');
  });
});
