import { FieldError } from '@balai/errors';

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 20;
export const MAX_LABEL_LENGTH = 200;

/**
 * Checks option labels (already trimmed by the DTO, trimmed again for other callers): none empty,
 * none longer than 200 characters, no two alike (ignoring case and repeated spaces). Each problem
 * names its option: `options[2]`.
 */
export function optionLabelErrors(labels: string[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  labels.forEach((raw, index) => {
    const field = `options[${index}]`;
    const label = raw.trim();
    if (label.length === 0) return errors.push({ field, message: `${field} must not be empty` });
    if (label.length > MAX_LABEL_LENGTH)
      return errors.push({ field, message: `${field} must be at most ${MAX_LABEL_LENGTH} characters long` });
    const key = label.toLocaleLowerCase('id').replace(/\s+/g, ' ');
    const first = seen.get(key);
    if (first !== undefined) return errors.push({ field, message: `${field} repeats options[${first}]` });
    seen.set(key, index);
  });
  return errors;
}

/**
 * Checks a ballot against the poll's options: at least one, no repeats, every id one of the
 * poll's options, and only one on a single-choice poll.
 */
export function ballotErrors(optionIds: string[], pollOptionIds: ReadonlySet<string>, multiple: boolean): FieldError[] {
  if (optionIds.length === 0) return [{ field: 'optionIds', message: 'optionIds must name at least one option' }];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  optionIds.forEach((id, index) => {
    const field = `optionIds[${index}]`;
    if (seen.has(id)) errors.push({ field, message: `${field} repeats an option already chosen` });
    else if (!pollOptionIds.has(id)) errors.push({ field, message: `${field} is not an option of this poll` });
    seen.add(id);
  });
  if (!multiple && optionIds.length > 1) {
    errors.push({ field: 'optionIds', message: 'this is a single-choice poll: choose exactly one option' });
  }
  return errors;
}
