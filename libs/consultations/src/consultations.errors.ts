import { ConflictError } from '@balai/errors';

/** The consultation is closed, decided or past its closing time: it takes no new input. */
export class ConsultationNotOpenError extends ConflictError {
  /** `pastClosingTime`: still `open`, but its `closesAt` has passed. */
  constructor(id: string, status: string, pastClosingTime: boolean) {
    super(
      'consultation_not_open',
      pastClosingTime
        ? `Consultation ${id} closed for input at its closing time`
        : `Consultation ${id} is ${status} and takes no new input`,
    );
  }
}

/** Only an open consultation can be closed: this one is already closed or decided. */
export class ConsultationAlreadyClosedError extends ConflictError {
  constructor(id: string, status: string) {
    super('consultation_already_closed', `Consultation ${id} is already ${status}`);
  }
}

/** A decision needs a closed consultation: this one is still open, or already decided. */
export class ConsultationNotClosedError extends ConflictError {
  constructor(id: string, status: string) {
    super(
      status === 'decided' ? 'consultation_decided' : 'consultation_not_closed',
      status === 'decided' ? `Consultation ${id} already has its decision` : `Consultation ${id} is ${status}: close it before deciding`,
    );
  }
}
