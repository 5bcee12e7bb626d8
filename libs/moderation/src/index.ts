export * from './banned-words.matcher';
export * from './banned-words.service';
export * from './moderation.events';
export * from './moderation.module';
export * from './moderation.service';
