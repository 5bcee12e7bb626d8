import { ConflictError, NotFoundError } from '@balai/errors';

export class DecisionNotFoundError extends NotFoundError {
  constructor(id: string) {
    super('Decision', id);
  }
}

/** The consultation already has its decision (the unique key said so, under a race). */
export class DecisionAlreadyPublishedError extends ConflictError {
  constructor(consultationId: string) {
    super('consultation_decided', `Consultation ${consultationId} already has its decision`);
  }
}

/** No summary yet: the consultation is still open, so the decision cannot freeze one. */
export class SummaryNotReadyError extends ConflictError {
  constructor(consultationId: string) {
    super('summary_not_ready', `Consultation ${consultationId} has no summary yet: close it first`);
  }
}
