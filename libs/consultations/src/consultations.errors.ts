import { ConflictError } from '@balai/errors';

export const ConsultationNotOpenError = (id: string, status: string, pastClosingTime: boolean) =>
  new ConflictError(
    'consultation_not_open',
    pastClosingTime ? `Consultation ${id} closed for input at its closing time` : `Consultation ${id} is ${status} and takes no new input`,
  );
