import { Entity, Opt, PrimaryKey, Property } from '@mikro-orm/core';

/** A suspended account: its writes are refused and its sockets closed until `until` or the lifting. */
@Entity({ tableName: 'moderation_suspensions' })
export class Suspension {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  /** null: until lifted. */
  @Property({ type: 'datetime', nullable: true })
  until: Date | null = null;

  @Property({ type: 'string', length: 500 })
  reason!: string;

  @Property({ type: 'uuid' })
  suspendedBy!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
