export * from './json-body-parser';
export * from './pagination';
export * from './problem';
export * from './problem-details.filter';
export * from './uuid-param';
export * from './validation';
export * from './trim';
export * from './request-id';
