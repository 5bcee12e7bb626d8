import type { EntityManager } from '@mikro-orm/postgresql';

/** What the decisions room writes to the transparency log: ids, titles, hashes and times, never personal data. */
export interface DecisionLogEntry {
  type: string;
  subjectId: string;
  payload: Record<string, unknown>;
}

/**
 * The seam to the transparency log. Closing, publishing and amending append their entry **inside**
 * their own transaction (`em`), so the response can name the entry and a rollback leaves none. DecisionsModule
 * binds the transparency log (TransparencyLogService) here.
 */
export abstract class DecisionLogWriter {
  abstract append(em: EntityManager, entry: DecisionLogEntry): Promise<{ seq: number; hash: string }>;
}
