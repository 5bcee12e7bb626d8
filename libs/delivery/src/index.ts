export * from './batched-reader';
export * from './count-coalescer';
export * from './count-pacer';
export * from './grouped-reader';
export * from './main-thread-cpu';
export * from './poll-results.reader';
export * from './session-view-merge';
