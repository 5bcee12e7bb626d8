export * from './content-screen';
export * from './domain-event-map';
export * from './event-bus';
export * from './events.module';
export * from './on-domain-event.decorator';
