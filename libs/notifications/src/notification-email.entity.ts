import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { newId } from '@balai/database';
import { Notification } from './notification.entity';

/**
 * The e-mail outbox: one row per notification to mail, written in the same transaction as the
 * notification, so a crash or an SMTP outage delays the mail and loses nothing. `MailOutbox` claims
 * due rows with `FOR UPDATE SKIP LOCKED` (two processes never claim one row), marks each sent as
 * soon as the SMTP server accepted it, and retries failures with back-off.
 */
@Entity({ tableName: 'notification_emails' })
@Index({
  name: 'notification_emails_due_index',
  expression:
    'create index "notification_emails_due_index" on "notification_emails" ("next_attempt_at") where ((sent_at IS NULL) AND (failed_at IS NULL))',
})
export class NotificationEmail {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = newId();

  @ManyToOne({ entity: () => Notification, mapToPk: true, deleteRule: 'cascade', unique: true })
  notification!: string;

  @Property({ type: 'string', length: 254 })
  toAddress!: string;

  @Property({ type: 'string', length: 300 })
  subject!: string;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text' })
  html!: string;

  /** Claims so far (a claim is an attempt, also when the process died before it ended). */
  @Property({ type: 'integer', default: 0 })
  attempts: Opt<number> = 0;

  /** Due from then on; a claim moves it past its lease, a failure past its back-off. */
  @Property({ type: 'datetime', defaultRaw: 'now()' })
  nextAttemptAt: Opt<Date> = new Date();

  @Property({ type: 'string', length: 1000, nullable: true })
  lastError: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;

  /** Given up after the last attempt (logged). */
  @Property({ type: 'datetime', nullable: true })
  failedAt: Date | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
