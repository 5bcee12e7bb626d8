import { ApiProperty } from '@nestjs/swagger';
import {
  NOTIFICATION_TYPES,
  NotificationType,
  NotificationView as NotificationViewShape,
  UnreadCountView as UnreadCountShape,
} from '@balai/contracts';

class SubjectView {
  @ApiProperty({ example: 'thread' }) type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class NotificationView implements NotificationViewShape {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type!: NotificationType;
  @ApiProperty({ description: "In the recipient's language" }) title!: string;
  @ApiProperty({ description: 'Plain text; lines separated by \\n' }) body!: string;
  @ApiProperty({ description: 'A path of the web app', example: '/threads/0190…' }) link!: string;
  @ApiProperty({ type: SubjectView }) subject!: SubjectView;
  @ApiProperty() read!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class NotificationPageView {
  @ApiProperty({ type: [NotificationView] }) items!: NotificationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class UnreadCountView implements UnreadCountShape {
  @ApiProperty() count!: number;
}

export class MarkReadResultView {
  @ApiProperty({ description: 'Notifications this call marked read' }) updated!: number;
  @ApiProperty({ description: 'Unread notifications left' }) unread!: number;
}
