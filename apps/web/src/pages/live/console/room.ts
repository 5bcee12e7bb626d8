/** The one place the console and the screen reach the live client (apps/web/src/live). */
export { normalizeCode, useLiveIdentity, useLiveRoom } from '../../../live';
export type { LiveConnection, LiveIdentity, LiveRoom } from '../../../live';
