import i18next from 'i18next';
import { ApiError } from './api';

export type FieldErrors = Record<string, string[]>;

/**
 * The API's per-field errors (`errors[]` of a 400), worded in the page's language where this
 * form knows the field (`fieldError.<form>.<field>`), the server's own message otherwise.
 */
export function fieldErrorsOf(error: unknown, form: string): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const localized: FieldErrors = {};
  for (const [field, messages] of Object.entries(error.fieldErrors())) {
    const key = `fieldError.${form}.${field}`;
    localized[field] = i18next.exists(key) ? [i18next.t(key)] : messages;
  }
  return localized;
}
