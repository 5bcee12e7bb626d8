export * from './personal-data';
export * from './transparency-log.service';
export * from './transparency.module';
