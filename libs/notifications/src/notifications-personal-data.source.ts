import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PersonalDataRegistry, PersonalDataSource } from '@balai/identity';
import { NotificationEmail } from './notification-email.entity';
import { Notification } from './notification.entity';

/**
 * Notifications' part of a person's data: what they were told, in Balai and by e-mail. Nobody else
 * reads these, so erasing deletes them (their e-mails in the outbox go with them: `on delete cascade`).
 */
@Injectable()
export class NotificationsPersonalDataSource implements PersonalDataSource, OnModuleInit {
  readonly section = 'notifications';

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async exportFor(userId: string, em: EntityManager): Promise<Record<string, unknown>> {
    const notifications = await em.find(Notification, { userId }, { orderBy: { id: 'asc' } });
    const emails = notifications.length
      ? await em.find(NotificationEmail, { notification: { $in: notifications.map((n) => n.id) } }, { orderBy: { id: 'asc' } })
      : [];
    return {
      notifications: notifications.map((notification) => ({
        id: notification.id,
        type: notification.type,
        title: notification.title,
        body: notification.body,
        link: notification.link,
        subject: { type: notification.subjectType, id: notification.subjectId },
        readAt: notification.readAt,
        createdAt: notification.createdAt,
      })),
      emails: emails.map((email) => ({
        notificationId: email.notification,
        to: email.toAddress,
        subject: email.subject,
        text: email.text,
        sentAt: email.sentAt,
        createdAt: email.createdAt,
      })),
    };
  }

  async eraseFor(userId: string, em: EntityManager): Promise<void> {
    await em.nativeDelete(Notification, { userId });
  }
}
