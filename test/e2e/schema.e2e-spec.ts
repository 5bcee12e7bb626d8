import { MikroORM } from '@mikro-orm/core';
import { createTestApp, TestApp } from '@balai/testing';

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
});
