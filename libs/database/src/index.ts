export * from './database.module';
export * from './ids';
export * from './is-unique-violation';
export * from './migration-runner';
export * from './mikro-orm-options';
export * from './pg-array';
export * from './run-sql';
