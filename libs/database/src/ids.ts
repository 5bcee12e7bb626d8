import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUIDs, generated in JavaScript so both database targets behave the same. */
export function newId(): string {
  return uuidv7();
}
