import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NotificationView, Page } from '@balai/contracts';
import { Auth, CurrentUser, Principal } from '@balai/identity';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { MarkReadDto } from './dto/mark-read.dto';
import { MarkReadResultView, NotificationPageView, UnreadCountView } from './dto/notification.views';
import { NotificationsService } from './notifications.service';

/** The caller's own notifications (guests too, with the guest's token). */
@ApiTags('notifications')
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Auth('guest')
  @ApiOkResponse({ type: NotificationPageView, description: 'Newest first' })
  list(@CurrentUser() principal: Principal, @Query() query: ListNotificationsQuery): Promise<Page<NotificationView>> {
    return this.notifications.list(principal.id, query);
  }

  @Get('unread-count')
  @Auth('guest')
  @ApiOkResponse({ type: UnreadCountView })
  async unreadCount(@CurrentUser() principal: Principal): Promise<UnreadCountView> {
    return { count: await this.notifications.unreadCount(principal.id) };
  }

  @Post('read')
  @Auth('guest')
  @HttpCode(200)
  @ApiOkResponse({ type: MarkReadResultView, description: "Ids of someone else's notifications have no effect" })
  read(@CurrentUser() principal: Principal, @Body() body: MarkReadDto): Promise<MarkReadResultView> {
    return this.notifications.markRead(principal.id, body);
  }
}
