import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { NotificationType } from '@balai/contracts';
import { newId, pgUuidArray, runSql } from '@balai/database';
import type { MailContent } from './notification-texts';

/** A notification to write, already in the recipient's language. */
export interface NotificationRow {
  id: string;
  userId: string;
  type: NotificationType;
  dedupeKey: string;
  title: string;
  body: string;
  link: string;
  subjectType: string;
  subjectId: string;
  /** Mail it too (the person has an address and e-mail on, and SMTP_URL is set). */
  mail: (MailContent & { to: string }) | null;
}

export interface StoredNotification {
  id: string;
  userId: string;
  type: NotificationType;
  title: string;
  body: string;
  link: string;
  subjectType: string;
  subjectId: string;
  readAt: Date | null;
  createdAt: Date;
}

interface Row {
  id: string;
  user_id: string;
  type: NotificationType;
  title: string;
  body: string;
  link: string;
  subject_type: string;
  subject_id: string;
  read_at: Date | string | null;
  created_at: Date | string;
}

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const stored = (row: Row): StoredNotification => ({
  id: row.id,
  userId: row.user_id,
  type: row.type,
  title: row.title,
  body: row.body,
  link: row.link,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  readAt: row.read_at === null ? null : toDate(row.read_at),
  createdAt: toDate(row.created_at),
});
const COLUMNS = 'id, user_id, type, title, body, link, subject_type, subject_id, read_at, created_at';

/** The `notifications` table and, in the same transaction, the e-mail outbox rows of new ones. */
@Injectable()
export class NotificationsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Writes the notifications that do not exist yet (the unique `(user_id, dedupe_key)` drops a
   * repeat) and the outbox rows of those it wrote, in one transaction; returns the ones written.
   */
  async insert(rows: readonly NotificationRow[]): Promise<StoredNotification[]> {
    if (rows.length === 0) return [];
    return this.em.fork().transactional(async (em) => {
      // One statement for the batch: the rows travel as one JSON parameter (same on PostgreSQL and PGlite).
      const inserted = await runSql<Row>(
        em,
        `insert into notifications (id, user_id, type, dedupe_key, title, body, link, subject_type, subject_id)
         select id, user_id, type, dedupe_key, title, body, link, subject_type, subject_id
           from jsonb_to_recordset(?::jsonb) as r(id uuid, user_id uuid, type text, dedupe_key text, title text, body text, link text, subject_type text, subject_id uuid)
         on conflict (user_id, dedupe_key) do nothing returning ${COLUMNS}`,
        [
          JSON.stringify(
            rows.map((row) => ({
              id: row.id,
              user_id: row.userId,
              type: row.type,
              dedupe_key: row.dedupeKey,
              title: row.title,
              body: row.body,
              link: row.link,
              subject_type: row.subjectType,
              subject_id: row.subjectId,
            })),
          ),
        ],
        { name: 'notifications.insert' },
      );
      const written = new Set(inserted.map((row) => row.id));
      const mails = rows.filter((row) => row.mail && written.has(row.id));
      if (mails.length > 0) {
        await runSql(
          em,
          `insert into notification_emails (id, notification_id, to_address, subject, text, html)
           select id, notification_id, to_address, subject, text, html
             from jsonb_to_recordset(?::jsonb) as r(id uuid, notification_id uuid, to_address text, subject text, text text, html text)`,
          [
            JSON.stringify(
              mails.map((row) => ({
                id: newId(),
                notification_id: row.id,
                to_address: row.mail!.to,
                subject: row.mail!.subject,
                text: row.mail!.text,
                html: row.mail!.html,
              })),
            ),
          ],
          { name: 'notifications.enqueue_mail' },
        );
      }
      return inserted.map(stored);
    });
  }

  /** Newest first, after `beforeId` (keyset on the time-ordered id). */
  async list(userId: string, filter: { unread: boolean; beforeId?: string; limit: number }): Promise<StoredNotification[]> {
    const where = ['user_id = ?'];
    const params: unknown[] = [userId];
    if (filter.unread) where.push('read_at is null');
    if (filter.beforeId) {
      where.push('id < ?');
      params.push(filter.beforeId);
    }
    params.push(filter.limit);
    // No statement name: the text varies with the filter, and a named statement must keep one text.
    const rows = await runSql<Row>(
      this.em,
      `select ${COLUMNS} from notifications where ${where.join(' and ')} order by id desc limit ?`,
      params,
    );
    return rows.map(stored);
  }

  async unreadCount(userId: string): Promise<number> {
    const rows = await runSql<{ count: string | number }>(
      this.em,
      'select count(*) as count from notifications where user_id = ? and read_at is null',
      [userId],
      { name: 'notifications.unread_count' },
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** Marks the caller's own notifications read: ids of someone else's match nothing. */
  async markRead(userId: string, ids: readonly string[] | 'all'): Promise<number> {
    const rows =
      ids === 'all'
        ? await runSql(this.em, 'update notifications set read_at = now() where user_id = ? and read_at is null returning id', [userId], {
            name: 'notifications.read_all',
          })
        : await runSql(
            this.em,
            'update notifications set read_at = now() where user_id = ? and read_at is null and id = any(?::uuid[]) returning id',
            [userId, pgUuidArray(ids)],
            { name: 'notifications.read' },
          );
    return rows.length;
  }
}
