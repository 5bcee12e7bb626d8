import { Entity, Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Who took part in a consultation through the forum (wrote a thread or post, or supported):
 * one row per person, kept on write, so counting participants never scans the posts.
 */
@Entity({ tableName: 'forum_participants' })
export class ForumParticipant {
  @PrimaryKey({ type: 'uuid' })
  consultationId!: string;

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  firstAt: Opt<Date> = new Date();
}
