/** The one place room names are made: every emitter and joiner goes through these. */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;
export const moderatorsRoom = (sessionId: string): string => `moderators:${sessionId}`;
export const userRoom = (userId: string): string => `user:${userId}`;

/** The session id of a `sessionRoom()` name, or null for any other room. */
export const sessionOfRoom = (room: string): string | null => (room.startsWith('session:') ? room.slice('session:'.length) : null);
