export * from './demo-accounts';
export * from './demo.module';
export * from './demo-city.seeder';
