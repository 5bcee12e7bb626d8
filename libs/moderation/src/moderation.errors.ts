import { ConflictError, ForbiddenError, NotFoundError } from '@balai/errors';

/** 404 `not_found`: no such queue item. */
export class ItemNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Moderation item', id);
  }
}

/** 409 `item_resolved`: resolving twice, or claiming a resolved item. */
export class ItemResolvedError extends ConflictError {
  constructor() {
    super('item_resolved', 'This item has been resolved already');
  }
}

/** 409 `item_claimed`: another moderator holds the item (for two minutes from their claim). */
export class ItemClaimedError extends ConflictError {
  constructor(by: string | null) {
    super('item_claimed', `Another moderator${by ? ` (${by})` : ''} is handling this item`);
  }
}

/** 409 `already_reported`: one report per reporter and target. */
export class AlreadyReportedError extends ConflictError {
  constructor() {
    super('already_reported', 'You have reported this already');
  }
}

/** 404: a report on a thread, post or question that does not exist (or is not public). */
export class ReportTargetNotFoundError extends NotFoundError {
  constructor(type: string, id: string) {
    super(type === 'thread' ? 'Thread' : type === 'post' ? 'Post' : 'Question', id);
  }
}

/** 409 `action_not_applicable`: an action the item's target cannot take (approve a reported post that is visible, say). */
export class ActionNotApplicableError extends ConflictError {
  constructor(action: string, type: string) {
    super('action_not_applicable', `"${action}" does not apply to this ${type}`);
  }
}

/** 403 `rank_required`: a moderator may not mute or suspend (nor lift that on) an account of their own rank or higher. */
export class SanctionRankError extends ForbiddenError {
  constructor() {
    super('rank_required', 'You may only sanction accounts of a lower role than yours');
  }
}

/** 404: no mute or suspension to lift. */
export class SanctionNotFoundError extends NotFoundError {
  constructor(what: string) {
    super(what);
  }
}
