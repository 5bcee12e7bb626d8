/**
 * Every domain event Balai knows, by name. Each domain adds its own events to this interface in a
 * file of its own (`<domain>.events.ts`), by module augmentation:
 *
 * ```ts
 * declare module '@balai/events' {
 *   interface DomainEventMap {
 *     'poll.closed': PollClosedEvent;
 *   }
 * }
 * ```
 *
 * so that `EventBus.afterCommit(em, 'poll.closed', payload)` and `@OnDomainEvent('poll.closed')`
 * check the payload against the one declared type. This library knows no domain.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by module augmentation
export interface DomainEventMap {}

export type DomainEventName = keyof DomainEventMap;
export type DomainEventPayload<K extends DomainEventName> = DomainEventMap[K];
