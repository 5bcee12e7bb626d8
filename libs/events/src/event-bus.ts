import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { EventSubscriber, MikroORM, TransactionEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/core';
import { DomainEventMap, DomainEventName } from './domain-event-map';

type Pending = [name: string, payload: unknown][];

/**
 * The one way a domain says "this happened": events are delivered to their listeners only after the
 * transaction that caused them committed, and never for one that rolled back (vendure's event bus,
 * immich's typed event map).
 *
 * `afterCommit(em, name, payload)` queues the event on `em`'s transaction (a savepoint's events wait
 * for the outermost transaction); a MikroORM transaction subscriber delivers the queue once that
 * transaction committed, or drops it on a rollback. `publish(name, payload)` is for a write that has
 * committed already (a single autocommitted statement). Listeners (`@OnDomainEvent`) run in the
 * order they registered, synchronously for synchronous listeners; a listener's error is logged and
 * never reaches the writer, whose work is done. They run outside the writer's async context: not in
 * its finished transaction, nor its request's MikroORM context; a listener that reads or writes opens
 * its own (`RequestContext.create(em.fork(), …)`), like any background job.
 */
@Injectable()
export class EventBus implements OnModuleInit, EventSubscriber {
  private readonly logger = new Logger('EventBus');
  private readonly pending = new WeakMap<object, Pending>();
  /** Runs a function in the async context the bus was made in: no request, no transaction. */
  private readonly detached = AsyncLocalStorage.snapshot();

  constructor(
    private readonly emitter: EventEmitter2,
    private readonly orm: MikroORM,
  ) {}

  onModuleInit(): void {
    this.orm.em.getEventManager().registerSubscriber(this);
  }

  /** Delivers `name` once `em`'s transaction commits. Outside a transaction this is a programming error. */
  afterCommit<K extends DomainEventName>(em: EntityManager, name: K, payload: DomainEventMap[K]): void {
    const transaction: object | undefined = em.getTransactionContext();
    if (!transaction) throw new Error(`EventBus.afterCommit('${name}') outside a transaction: use publish() once the write committed`);
    const root = rootTransaction(transaction);
    let queue = this.pending.get(root);
    if (!queue) this.pending.set(root, (queue = []));
    queue.push([name, payload]);
  }

  /** Delivers `name` now: only for a write that has already committed. */
  publish<K extends DomainEventName>(name: K, payload: DomainEventMap[K]): void {
    this.deliver(name, payload);
  }

  async afterTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const queue = args.transaction ? this.pending.get(args.transaction) : undefined;
    if (!queue) return;
    this.pending.delete(args.transaction!);
    for (const [name, payload] of queue) this.deliver(name, payload);
  }

  async afterTransactionRollback(args: TransactionEventArgs): Promise<void> {
    if (args.transaction) this.pending.delete(args.transaction);
  }

  private deliver(name: string, payload: unknown): void {
    try {
      this.detached(() => this.emitter.emit(name, payload));
    } catch (error: unknown) {
      this.logger.error({ err: error, event: name }, 'A listener of a domain event failed');
    }
  }
}

/**
 * The outermost transaction of a (possibly nested) knex transaction: a savepoint's commit is not
 * the commit. Knex-based drivers mark a savepoint with its parent under a private symbol.
 */
function rootTransaction(transaction: object): object {
  let current = transaction;
  for (;;) {
    const parentKey = Object.getOwnPropertySymbols(current).find((symbol) => symbol.description === 'parentTransaction');
    const parent = parentKey ? (current as Record<symbol, unknown>)[parentKey] : undefined;
    // A knex transaction is a function object.
    if (!parent || (typeof parent !== 'object' && typeof parent !== 'function')) return current;
    current = parent as object;
  }
}
