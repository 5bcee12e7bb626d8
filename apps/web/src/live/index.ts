export { guestStore, useLiveIdentity } from './identity';
export type { LiveIdentity, LiveIdentityState, LiveIdentityStatus } from './identity';
export { ACK_TIMEOUT_MS, connectLive, emitWithAck, unavailable } from './live-socket';
export type { LiveAck, LivePayload, LiveSocket } from './live-socket';
export { EMPTY_ROOM, roomReducer } from './room-state';
export type { RoomAction, RoomState } from './room-state';
export { normalizeCode, useLiveRoom } from './useLiveRoom';
export type { LiveConnection, LiveRoom } from './useLiveRoom';
