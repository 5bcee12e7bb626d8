import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * When an account's sessions last ended: every token issued before is refused. A table of its own,
 * without a foreign key, so that the end outlives a deleted account (its tokens stay refused after a
 * restart). Read at start for the last JWT_TTL only (`EndedSessions`).
 */
@Entity({ tableName: 'session_ends' })
export class SessionEnd {
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Index()
  @Property({ type: 'datetime' })
  endedAt!: Date;
}
