// App-independent test helpers. What boots the app (createTestApp, accounts, spawnServer) lives in test/support/.
export * from './free-port';
export * from './http-client';
export * from './tcp-proxy';
export * from './test-database';
export * from './test-jwt-secret';
export * from './wait-for-healthy';
export * from './test-orm';
