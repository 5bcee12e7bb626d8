/**
 * What the decisions domain announces, on the typed bus of `@balai/events` (published with
 * `EventBus.afterCommit`). The transparency log appends `decision.published` / `decision.amended`;
 * notifications tell each participant of the consultation once (`decision.published`).
 */
declare module '@balai/events' {
  interface DomainEventMap {
    'decision.published': DecisionPublishedEvent;
    'decision.amended': DecisionAmendedEvent;
  }
}

export interface DecisionPublishedEvent {
  decisionId: string;
  consultationId: string;
  title: string;
  /** SHA-256 hex of the published Markdown body, for the transparency log. */
  bodySha256: string;
  publishedBy: string;
  publishedAt: Date;
}

export interface DecisionAmendedEvent {
  decisionId: string;
  amendmentId: string;
  consultationId: string;
  /** SHA-256 hex of the amendment's Markdown body. */
  bodySha256: string;
  amendedBy: string;
  amendedAt: Date;
}
