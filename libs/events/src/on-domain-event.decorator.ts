import { OnEvent } from '@nestjs/event-emitter';
import { DomainEventMap, DomainEventName } from './domain-event-map';

/**
 * Subscribes a provider's method to a domain event by name; the compiler checks that the method takes
 * that event's payload. Errors are logged, never thrown back at the writer (`suppressErrors`).
 */
export function OnDomainEvent<K extends DomainEventName>(name: K) {
  return (
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<(payload: DomainEventMap[K]) => void | Promise<void>>,
  ): void => {
    OnEvent(name, { suppressErrors: true })(target, key, descriptor);
  };
}
