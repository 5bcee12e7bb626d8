export * from './decision-log-writer';
export * from './decisions.errors';
export * from './decisions.events';
export * from './decisions.module';
export * from './decisions.service';
export * from './dto/decision.dto';
export * from './dto/decision.views';
