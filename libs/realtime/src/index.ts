export * from './ack';
export * from './live-io.adapter';
export * from './realtime-hub';
export * from './realtime.module';
export * from './rooms';
export * from './ws-exception.filter';
export * from './ws-validation';
export * from './message-size';
