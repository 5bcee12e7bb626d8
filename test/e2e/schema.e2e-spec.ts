import { MikroORM } from '@mikro-orm/core';
import { createTestApp, TestApp } from '../support/test-app';

/** Entities and committed migrations must describe the same schema, on both database targets. */
describe.each([
  ['PostgreSQL', false],
  ['embedded PGlite', true],
])('schema on %s', (_name, embedded) => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ embedded });
  });
  afterAll(() => testApp.close());

  it('has applied every migration and needs no other', async () => {
    const orm = testApp.app.get(MikroORM);
    const migrator = orm.getMigrator();
    expect(await migrator.getPendingMigrations()).toEqual([]);
    const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });

  it('lets PostgreSQL update question counters in place (HOT): no index covers upvotes, and pages keep room', async () => {
    const connection = testApp.app.get(MikroORM).em.getConnection();
    const indexes = await connection.execute<{ indexdef: string }[]>(`select indexdef from pg_indexes where tablename = 'live_questions'`);
    expect(indexes.length).toBeGreaterThan(0);
    expect(indexes.filter((index: { indexdef: string }) => /upvotes/.test(index.indexdef))).toEqual([]);
    const [table] = await connection.execute<{ reloptions: string[] | null }[]>(
      `select reloptions from pg_class where relname = 'live_questions' and relkind = 'r'`,
    );
    expect(table?.reloptions).toContain('fillfactor=50');
  });
});
