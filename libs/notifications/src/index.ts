export * from './dto/list-notifications.query';
export * from './dto/mark-read.dto';
export * from './dto/notification.views';
export * from './notifications.module';
export * from './notifications.service';
