export * from './dto/live.dto';
export * from './dto/live.views';
export * from './join-code';
export * from './live.module';
export * from './live-questions.service';
export * from './live-sessions.service';
export * from './vote-committer';
export * from './vote-coalescer';
