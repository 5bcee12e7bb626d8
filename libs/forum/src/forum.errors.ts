import { ProgressState } from '@balai/contracts';
import { ConflictError, ForbiddenError } from '@balai/errors';

export class NotAuthorError extends ForbiddenError {
  constructor(what: 'thread' | 'post') {
    super('not_author', `Only the author may edit this ${what}`);
  }
}

export class ThreadNotVisibleError extends ConflictError {
  constructor(id: string) {
    super('thread_not_visible', `Thread ${id} is hidden or awaiting moderation and takes no new input`);
  }
}

export class PostNotVisibleError extends ConflictError {
  constructor(id: string) {
    super('post_not_visible', `Post ${id} is hidden or awaiting moderation`);
  }
}

export class ProgressNotApplicableError extends ConflictError {
  constructor(id: string) {
    super('progress_not_applicable', `Thread ${id} is not an idea or a complaint: it has no progress`);
  }
}

export class ProgressStepNotAllowedError extends ConflictError {
  constructor(from: ProgressState, to: ProgressState) {
    super('progress_step_not_allowed', `Progress cannot go from ${from} to ${to}`);
  }
}
