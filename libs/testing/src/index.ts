export * from './accounts';
export * from './http-client';
export * from './test-app';
export * from './test-database';
export * from './server-process';
export * from './tcp-proxy';
