import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { ConsultationsModule } from '@balai/consultations';
import { ForumModule } from '@balai/forum';
import { LiveModule, LiveSessionLookupModule } from '@balai/live';
import { PollsModule } from '@balai/polls';
import { MailOutbox } from './mail-outbox';
import { MailOutboxRepository } from './mail-outbox.repository';
import { NotificationEmail } from './notification-email.entity';
import { Notification } from './notification.entity';
import { NotificationsController } from './notifications.controller';
import { NotificationsListener } from './notifications.listener';
import { NotificationsPersonalDataSource } from './notifications-personal-data.source';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/**
 * Notifications in Balai (`/me/notifications`, pushed as `notification:new`) and by e-mail (the
 * outbox `MailOutbox` sends). It listens to the other domains' events and asks them, through their
 * services, who is to be told and what they contributed.
 */
@Module({
  imports: [
    MikroOrmModule.forFeature([Notification, NotificationEmail]),
    ConsultationsModule,
    ForumModule,
    LiveModule,
    PollsModule.withLiveSessions(LiveSessionLookupModule),
  ],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationsRepository,
    MailOutbox,
    MailOutboxRepository,
    NotificationsListener,
    NotificationsPersonalDataSource,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
