import { io, Socket } from 'socket.io-client';
import type { TestAccount } from '../support/accounts';
import type { TestApp } from '../support/test-app';

export type LiveClient = Socket & { token: string };

/** A real socket.io-client on /live, websocket transport, connected (or rejected) before it resolves. */
export function connectLive(
  testApp: TestApp | string,
  token: string | undefined,
  options: Record<string, unknown> = {},
): Promise<LiveClient> {
  const url = typeof testApp === 'string' ? testApp : testApp.url;
  const socket = io(`${url}/live`, {
    transports: ['websocket'],
    auth: token === undefined ? {} : { token },
    reconnection: false,
    forceNew: true,
    ...options,
  }) as LiveClient;
  socket.token = token ?? '';
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export function emitAck<T = any>(socket: Socket, event: string, payload?: unknown, timeoutMs = 10_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/** Collects every payload of `event` on the socket. */
export function collect<T = any>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Waits until `check` holds (polling), or fails after `timeoutMs` with `what`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function once<T = any>(socket: Socket, event: string, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

export async function createLiveSession(moderator: TestAccount, body: Record<string, unknown> = {}, start = true): Promise<any> {
  const created = await moderator.http.post('/live-sessions', { title: 'Rapat Warga', ...body });
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  if (!start) return created.body;
  const started = await moderator.http.post(`/live-sessions/${created.body.id}/start`);
  if (started.status !== 200) throw new Error(`start failed: ${JSON.stringify(started.body)}`);
  return started.body;
}
