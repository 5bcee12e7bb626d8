export * from './moderation.events';
