import { useState } from 'react';
import { i18n, useTranslation } from './i18n/translator';
import { ApiError } from './api';
import { errorText } from './components/Status';

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
    localized[field] = i18n.exists(key) ? [i18n.t(key)] : messages;
  }
  return localized;
}

export interface FormOptions {
  /** The form's name for `fieldError.<name>.<field>` translations; without it, failures are never mapped to fields. */
  name?: string;
  /** This form's own wording of a failure (a wrong password, a closed poll); the common one otherwise. */
  describe?(error: ApiError): string | undefined;
  /** Called with every failure, after it is shown (to reload what turned out stale). */
  onError?(error: unknown): void;
}

export interface Form {
  busy: boolean;
  /** Field → messages, from the failure's `errors[]`. */
  fieldErrors: FieldErrors;
  /** The failure of the whole form (shown as an alert) when it names no field. */
  error: string | null;
  /**
   * Runs `action` while `busy`, clearing the previous errors first; a failure becomes field errors
   * or the form's error. Resolves to whether the action succeeded.
   */
  submit(action: () => Promise<void>): Promise<boolean>;
  /** Shows a failure found before calling the server. */
  fail(message: string): void;
}

/** The busy flag and the errors of a form that sends one request. */
export function useForm({ name, describe, onError }: FormOptions = {}): Form {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);

  const submit = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setFieldErrors({});
    setError(null);
    try {
      await action();
      return true;
    } catch (failure: unknown) {
      const fields = name ? fieldErrorsOf(failure, name) : {};
      setFieldErrors(fields);
      if (Object.keys(fields).length === 0)
        setError((failure instanceof ApiError ? describe?.(failure) : undefined) ?? errorText(failure, t));
      onError?.(failure);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const fail = (message: string) => {
    setFieldErrors({});
    setError(message);
  };

  return { busy, fieldErrors, error, submit, fail };
}
