/**
 * What consultations announce, on the typed bus of `@balai/events`: each is published with
 * `EventBus.afterCommit` in the transaction that made the change, so listeners (notifications, the
 * transparency log, the summary) hear of it only once it committed. Subscribe with
 * `@OnDomainEvent('consultation.closed')`.
 */
declare module '@balai/events' {
  interface DomainEventMap {
    'consultation.created': ConsultationCreatedEvent;
    'consultation.closed': ConsultationClosedEvent;
  }
}

export interface ConsultationCreatedEvent {
  consultationId: string;
  title: string;
  /** The official who created it. */
  createdBy: string;
  createdAt: Date;
  /** When input stops, if set. */
  closesAt: Date | null;
}

/** An official closed the consultation: its threads, posts, polls and live sessions take no more input. */
export interface ConsultationClosedEvent {
  consultationId: string;
  closedAt: Date;
  /** The official who closed it. */
  closedBy: string;
}
