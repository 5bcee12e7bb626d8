export * from './consultation-activity';
export type { Participation } from './consultation-participants.repository';
export * from './consultations.errors';
export * from './consultations.events';
export * from './consultations.module';
export * from './consultations.service';
export * from './dto/consultation.view';
export * from './dto/create-consultation.dto';
export * from './dto/list-consultations.query';
