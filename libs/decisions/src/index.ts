export * from './decisions.events';
