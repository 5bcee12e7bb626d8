export * from './json-body.middleware';
export * from './pagination';
export * from './problem';
export * from './problem-details.filter';
export * from './uuid-param';
export * from './validation';
export * from './trim';
