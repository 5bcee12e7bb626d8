/** The one place room names are made: every emitter and joiner goes through these. */
export const sessionRoom = (sessionId: string): string => `session:${sessionId}`;
export const moderatorsRoom = (sessionId: string): string => `moderators:${sessionId}`;
export const userRoom = (userId: string): string => `user:${userId}`;

/** The session id of a `sessionRoom()` name, or null for any other room. */
export const sessionOfRoom = (room: string): string | null => (room.startsWith('session:') ? room.slice('session:'.length) : null);

/**
 * Count messages reach a session's sockets shard by shard, with the event loop free between shards:
 * sending one to a hall of 5,000 takes tens of milliseconds of socket writes, which acks and database
 * replies would otherwise wait behind. Every socket of a session is in exactly one shard.
 */
export const SESSION_SHARDS = 8;
export const sessionShardRoom = (sessionId: string, shard: number): string => `shard:${sessionId}:${shard}`;
export const sessionShardRooms = (sessionId: string): string[] =>
  Array.from({ length: SESSION_SHARDS }, (_, shard) => sessionShardRoom(sessionId, shard));

/** A socket's shard, from its id: the same in every session and after a recovered connection. */
export function shardOf(socketId: string): number {
  let hash = 0;
  for (let i = 0; i < socketId.length; i++) hash = (Math.imul(hash, 31) + socketId.charCodeAt(i)) | 0;
  return (hash >>> 0) % SESSION_SHARDS;
}
