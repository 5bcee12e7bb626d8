import type { Adapter, Session } from 'socket.io-adapter';

/**
 * Connection state recovery skips the handshake middleware (`skipMiddlewares`): a recovered socket
 * gets back the data and rooms of its first handshake, and the packets it missed, however much has
 * changed since that handshake was checked (the account signed out, was suspended or demoted).
 * `mayRecover` is asked about the kept `socket.data` before anything is restored; a session it refuses
 * is not recovered: the client connects anew, through the middleware, which decides as for any other.
 */
export function checkRecoveredSessions(namespace: { adapter: Adapter }, mayRecover: (data: unknown) => boolean): void {
  const adapter = namespace.adapter;
  const restore = adapter.restoreSession.bind(adapter);
  adapter.restoreSession = async (pid, offset) => {
    const session: Session | null = await restore(pid, offset);
    // Socket.IO treats a missing session (the base adapter's null) as "connect anew".
    return (session && mayRecover(session.data) ? session : null) as Session;
  };
}
