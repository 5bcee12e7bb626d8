import { Entity, Opt, PrimaryKey, Property } from '@mikro-orm/core';

/** A city's own addition to the banned-word lists Balai ships with. */
@Entity({ tableName: 'moderation_banned_words' })
export class BannedWord {
  /** `id` (Indonesian) or `en`. */
  @PrimaryKey({ type: 'string', length: 2 })
  locale!: 'id' | 'en';

  @PrimaryKey({ type: 'string', length: 60 })
  word!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
