export * from './consultations';
export * from './forum';
export * from './identity';
export * from './problem';
export * from './roles';
export * from './live-events';
export * from './polls';
export * from './http-routes';
