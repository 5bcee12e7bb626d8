export * from './consultations';
export * from './identity';
export * from './problem';
export * from './roles';
export * from './polls';
