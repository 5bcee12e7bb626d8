import { EventEmitter2 } from '@nestjs/event-emitter';
import { MikroORM, RequestContext, TransactionContext } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql } from '@balai/database';
import { EventBus } from '@balai/events';
import { createTestApp, TestApp } from '../support/test-app';

declare module '@balai/events' {
  interface DomainEventMap {
    'test.happened': { n: number };
  }
}

describe.each([
  ['PostgreSQL', false],
  ['PGlite', true],
])('domain events after commit (%s)', (_name, embedded) => {
  let testApp: TestApp;
  let bus: EventBus;
  let em: EntityManager;
  let delivered: number[];
  const listener = (event: { n: number }) => delivered.push(event.n);

  beforeAll(async () => {
    testApp = await createTestApp({ embedded });
    bus = testApp.app.get(EventBus);
    em = testApp.app.get(MikroORM).em.fork() as EntityManager;
    testApp.app.get(EventEmitter2).on('test.happened', listener);
    await runSql(em, 'create table if not exists event_probe (n int primary key)');
  });
  afterAll(() => testApp.close());
  beforeEach(() => (delivered = []));

  it('delivers an event only once its transaction committed, after the row is visible to others', async () => {
    let seenInside: number[] = [];
    let rowVisibleAtDelivery = false;
    const check = async () => {
      rowVisibleAtDelivery = (await runSql(em.fork(), 'select n from event_probe where n = 1')).length === 1;
    };
    const emitter = testApp.app.get(EventEmitter2);
    emitter.once('test.happened', () => void check());
    await em.fork().transactional(async (tx) => {
      await runSql(tx, 'insert into event_probe (n) values (1)');
      bus.afterCommit(tx, 'test.happened', { n: 1 });
      seenInside = [...delivered];
    });
    expect(seenInside).toEqual([]);
    expect(delivered).toEqual([1]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rowVisibleAtDelivery).toBe(true);
  });

  it('never delivers the events of a rolled-back transaction', async () => {
    await expect(
      em.fork().transactional(async (tx) => {
        await runSql(tx, 'insert into event_probe (n) values (2)');
        bus.afterCommit(tx, 'test.happened', { n: 2 });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(delivered).toEqual([]);
    expect(await runSql(em.fork(), 'select n from event_probe where n = 2')).toEqual([]);
  });

  it('holds a savepoint’s events until the outer transaction commits, and drops them when it rolls back', async () => {
    await em.fork().transactional(async (outer) => {
      await outer.transactional(async (inner) => {
        bus.afterCommit(inner, 'test.happened', { n: 3 });
      });
      expect(delivered).toEqual([]);
    });
    expect(delivered).toEqual([3]);

    delivered = [];
    await expect(
      em.fork().transactional(async (outer) => {
        await outer.transactional(async (inner) => bus.afterCommit(inner, 'test.happened', { n: 4 }));
        throw new Error('outer rolls back');
      }),
    ).rejects.toThrow('outer rolls back');
    expect(delivered).toEqual([]);
  });

  it('runs listeners outside the writer’s finished transaction and request context', async () => {
    const contexts: string[] = [];
    const emitter = testApp.app.get(EventEmitter2);
    const probe = () => {
      if (TransactionContext.getEntityManager()) contexts.push('transaction');
      if (RequestContext.getEntityManager()) contexts.push('request');
      contexts.push('delivered');
    };
    emitter.on('test.happened', probe);
    try {
      await RequestContext.create(em.fork(), () => em.fork().transactional(async (tx) => bus.afterCommit(tx, 'test.happened', { n: 8 })));
    } finally {
      emitter.off('test.happened', probe);
    }
    expect(contexts).toEqual(['delivered']);
  });

  it('refuses afterCommit outside a transaction, and keeps a failing listener from reaching the writer', async () => {
    expect(() => bus.afterCommit(em.fork(), 'test.happened', { n: 5 })).toThrow(/outside a transaction/);
    const emitter = testApp.app.get(EventEmitter2);
    const failing = () => {
      throw new Error('listener broke');
    };
    emitter.prependListener('test.happened', failing);
    try {
      await em.fork().transactional(async (tx) => bus.afterCommit(tx, 'test.happened', { n: 6 }));
    } finally {
      emitter.off('test.happened', failing);
    }
  });

  it('converts driver errors to MikroORM exceptions in runSql', async () => {
    await runSql(em.fork(), 'insert into event_probe (n) values (7)');
    await expect(runSql(em.fork(), 'insert into event_probe (n) values (?)', [7])).rejects.toMatchObject({
      name: 'UniqueConstraintViolationException',
    });
  });
});
