import { ArrayType, Entity, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Poll } from './poll.entity';

/**
 * One participant's ballot in one poll. The primary key (poll_id, user_id) is the database's
 * guarantee of one ballot per participant; casting again replaces `optionIds` in one upsert.
 */
@Entity({ tableName: 'poll_ballots' })
export class Ballot {
  @ManyToOne({ entity: () => Poll, primary: true, mapToPk: true, deleteRule: 'cascade' })
  poll!: string;

  /** A user of the identity domain (citizen or guest); a plain id, not a foreign key into its table. */
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: ArrayType, columnType: 'uuid[]' })
  optionIds!: string[];

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  updatedAt: Opt<Date> = new Date();
}
