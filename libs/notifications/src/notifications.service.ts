import { Injectable, Logger } from '@nestjs/common';
import { TFunction } from 'i18next';
import { AppConfig } from '@balai/config';
import { NotificationType, NotificationView, Page } from '@balai/contracts';
import { newId } from '@balai/database';
import { ValidationError } from '@balai/errors';
import { decodeCursor, toPage } from '@balai/http';
import { Recipient, UsersService } from '@balai/identity';
import { userRoom, RealtimeHub } from '@balai/realtime';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { MailOutbox } from './mail-outbox';
import { mailOf, NotificationText, textsIn } from './notification-texts';
import { NotificationRow, NotificationsRepository, StoredNotification } from './notifications.repository';

/** One notification to make for one person; its text is written in their language. */
export interface NotificationDraft {
  userId: string;
  type: NotificationType;
  /** What event this is, the same for every delivery of it (`progress:<change id>`): one notification per key and person. */
  dedupeKey: string;
  link: string;
  subject: { type: string; id: string };
  text: (t: TFunction, recipient: Recipient) => NotificationText;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const notificationView = (row: StoredNotification): NotificationView => ({
  id: row.id,
  type: row.type,
  title: row.title,
  body: row.body,
  link: row.link,
  subject: { type: row.subjectType, id: row.subjectId },
  read: row.readAt !== null,
  createdAt: row.createdAt.toISOString(),
});

/**
 * Notifications in Balai and by e-mail: writes each person's once per event (in their language),
 * queues its e-mail in the same transaction, then pushes `notification:new` to the person's open
 * `/live` sockets (their user room, on every process) and wakes the mail outbox.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger(NotificationsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly notifications: NotificationsRepository,
    private readonly hub: RealtimeHub,
    private readonly mail: MailOutbox,
  ) {}

  /** Returns the notifications written (a repeat of an event writes none). */
  async notify(drafts: readonly NotificationDraft[]): Promise<NotificationView[]> {
    if (drafts.length === 0) return [];
    const recipients = await this.users.recipients(drafts.map((draft) => draft.userId));
    const rows: NotificationRow[] = [];
    for (const draft of drafts) {
      const recipient = recipients.get(draft.userId);
      if (!recipient) continue; // an account that is gone
      const t = textsIn(recipient.locale);
      const text = draft.text(t, recipient);
      const url = `${this.config.publicUrl}${draft.link}`;
      rows.push({
        id: newId(),
        userId: draft.userId,
        type: draft.type,
        dedupeKey: draft.dedupeKey,
        title: text.title,
        body: text.body,
        link: draft.link,
        subjectType: draft.subject.type,
        subjectId: draft.subject.id,
        mail:
          this.mail.enabled && recipient.email
            ? {
                to: recipient.email,
                ...mailOf(t, {
                  locale: recipient.locale,
                  name: recipient.displayName,
                  text,
                  url,
                  preferencesUrl: `${this.config.publicUrl}/me`,
                }),
              }
            : null,
      });
    }
    const written = await this.notifications.insert(rows);
    const views = written.map(notificationView);
    for (const view of views) {
      const userId = written.find((row) => row.id === view.id)!.userId;
      this.hub.send(userRoom(userId), 'notification:new', { notification: view });
    }
    if (written.length > 0 && rows.some((row) => row.mail)) this.mail.poke();
    if (written.length > 0) this.logger.debug(`${written.length} notification(s) of type ${drafts[0]!.type}`);
    return views;
  }

  async list(userId: string, query: ListNotificationsQuery): Promise<Page<NotificationView>> {
    let beforeId: string | undefined;
    if (query.cursor) {
      const [id] = decodeCursor(query.cursor, ['string']);
      if (typeof id !== 'string' || !UUID.test(id)) {
        throw new ValidationError([{ field: 'cursor', message: 'cursor is not a cursor this list gave out' }]);
      }
      beforeId = id;
    }
    const rows = await this.notifications.list(userId, { unread: query.unread === true, beforeId, limit: query.limit + 1 });
    return toPage(rows, query.limit, (row) => [row.id], notificationView);
  }

  async unreadCount(userId: string): Promise<number> {
    return this.notifications.unreadCount(userId);
  }

  /** Marks the caller's own notifications read; ids of someone else's are ignored. */
  async markRead(userId: string, input: { ids?: string[]; all?: boolean }): Promise<{ updated: number; unread: number }> {
    if (input.all !== true && (input.ids === undefined || input.ids.length === 0)) {
      throw new ValidationError([{ field: 'ids', message: 'send ids (1 to 100 notification ids) or all: true' }]);
    }
    const updated = await this.notifications.markRead(userId, input.all === true ? 'all' : input.ids!);
    return { updated, unread: await this.notifications.unreadCount(userId) };
  }
}
