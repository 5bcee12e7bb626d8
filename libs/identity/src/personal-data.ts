import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A domain that holds something about a person (forum, polls, live, moderation, notifications,
 * consultations). Identity asks each source for its part of `GET /me/export` and has it erase its
 * part when the account is deleted (`DELETE /me`); identity never reads the other domains' tables.
 *
 * Both calls run inside the caller's transaction: use `em` for every statement, never another
 * EntityManager (embedded PGlite has one connection: a query elsewhere would wait for ever).
 */
export interface PersonalDataSource {
  /** The key of this source's part in the export (`forum`, `polls`, …), unique among sources. */
  readonly section: string;
  /** What the source holds about `userId`: plain JSON, with no other person's id, name or e-mail. */
  exportFor(userId: string, em: EntityManager): Promise<Record<string, unknown>>;
  /**
   * Erases what names `userId`: personal text and names go, contributions stay under
   * `FORMER_PARTICIPANT_NAME`, and whatever other people's counts rest on (supports, ballots,
   * upvotes) keeps counting.
   */
  eraseFor(userId: string, em: EntityManager): Promise<void>;
}

/** Each domain registers its source once, at module init (`onModuleInit`). */
@Injectable()
export class PersonalDataRegistry {
  private readonly registered: PersonalDataSource[] = [];

  register(source: PersonalDataSource): void {
    if (this.registered.includes(source)) return;
    if (this.registered.some((other) => other.section === source.section)) {
      throw new Error(`Two personal data sources claim the section '${source.section}'`);
    }
    this.registered.push(source);
  }

  sources(): readonly PersonalDataSource[] {
    return this.registered;
  }
}
