import { FieldError, ValidationError } from '@balai/errors';

/**
 * How deep a JSON value may nest. No request of the contract nests more than four levels; the
 * validators (class-transformer, class-validator) recurse, so a value 2,000 deep overflowed the stack.
 */
export const MAX_JSON_DEPTH = 32;

/** Keys no DTO has and that only ever aim at an object's prototype. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** In `u` mode a surrogate pair is one code point, so only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;

function badString(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(value)) return 'must be well-formed Unicode (no lone surrogate)';
  return null;
}

/**
 * What is wrong with a decoded JSON value (an HTTP body, a Socket.IO payload), before any validator
 * sees it: nested deeper than MAX_JSON_DEPTH, a string or key with a NUL character (PostgreSQL refuses
 * it in text) or a lone surrogate, a prototype key. Iterative, so no input can overflow the stack.
 * Returns the first problem found, or null.
 */
export function findHostileValue(root: unknown, field = 'body'): FieldError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: field, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const problem = badString(value);
      if (problem) return { field: path, message: `${path} ${problem}` };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return { field: path, message: `${field} may nest at most ${MAX_JSON_DEPTH} levels` };
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: `${path}[${index}]`, depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const keyProblem = PROTOTYPE_KEYS.has(key) ? 'is not an allowed field name' : badString(key);
      if (keyProblem) return { field: `${path}.${key.split('\u0000').join('\\0')}`, message: `field name ${keyProblem}` };
      stack.push({ value: (value as Record<string, unknown>)[key], path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return null;
}

/** Throws a ValidationError (400 / `validation` ack) when `findHostileValue` finds something. */
export function rejectHostileValue(value: unknown, field = 'body'): void {
  const problem = findHostileValue(value, field);
  if (problem) throw new ValidationError([problem]);
}

/**
 * A request target (path and query, as sent) carrying a NUL character, raw or percent-encoded, or a
 * percent-encoding that does not decode: refused before routing, so no route, query DTO or SQL sees it.
 */
export function hostileRequestTarget(url: string): FieldError | null {
  if (url.includes('\u0000') || /%00/i.test(url)) return { field: 'url', message: 'the URL must not contain a NUL character' };
  return null;
}
