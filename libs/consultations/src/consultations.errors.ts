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
