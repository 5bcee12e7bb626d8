/**
 * The public log is permanent and copied by whoever verifies it, so no personal data may enter it.
 * This guard refuses payloads with a member whose name says it holds a person or their words
 * (`userId`, `moderatorId`, `publishedBy`, `email`, `note`, …), at any depth. It checks names, not
 * values: what a value means is the caller's to know; the names are the line a reviewer can see.
 */
const PERSONAL_MEMBERS = new Set([
  'userid',
  'user',
  'authorid',
  'author',
  'moderatorid',
  'moderator',
  'actorid',
  'actor',
  'officialid',
  'notifyuserid',
  'publishedby',
  'amendedby',
  'closedby',
  'createdby',
  'reportedby',
  'reporterid',
  'email',
  'displayname',
  'note',
  'ip',
  'ipaddress',
  'phone',
  'password',
  'token',
]);

/** The largest payload the log takes, as canonical JSON. */
export const MAX_PAYLOAD_CHARS = 16_384;

export class PersonalDataInLogError extends Error {
  constructor(path: string) {
    super(`The transparency log takes no personal data: payload member "${path}" looks like it holds some`);
  }
}

/** Throws PersonalDataInLogError naming the first member that looks personal. */
export function assertNoPersonalData(payload: unknown, path = ''): void {
  if (payload === null || typeof payload !== 'object') return;
  if (Array.isArray(payload)) {
    payload.forEach((item, index) => assertNoPersonalData(item, `${path}[${index}]`));
    return;
  }
  for (const [key, value] of Object.entries(payload)) {
    const at = path ? `${path}.${key}` : key;
    if (PERSONAL_MEMBERS.has(key.toLowerCase().replace(/[^a-z0-9]/g, ''))) throw new PersonalDataInLogError(at);
    assertNoPersonalData(value, at);
  }
}
