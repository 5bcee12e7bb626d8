import { ConflictError, ForbiddenError } from '@balai/errors';

export const NotAuthorError = (what: 'thread' | 'post') => new ForbiddenError('not_author', `Only the author may edit this ${what}`);

export const ThreadNotVisibleError = (id: string) =>
  new ConflictError('thread_not_visible', `Thread ${id} is hidden or awaiting moderation and takes no new input`);

export const PostNotVisibleError = (id: string) => new ConflictError('post_not_visible', `Post ${id} is hidden or awaiting moderation`);
