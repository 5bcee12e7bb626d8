export * from './dto/create-post.dto';
export * from './dto/create-thread.dto';
export * from './dto/forum.views';
export * from './dto/list-threads.query';
export * from './dto/update-thread.dto';
export * from './forum.errors';
export * from './forum.module';
export * from './forum.service';
