import { randomUUID } from 'node:crypto';
import type { Role } from '@balai/contracts';
import { TokenService, UsersService } from '@balai/identity';
import { HttpClient } from '@balai/testing';
import type { TestApp } from './test-app';

export interface TestAccount {
  id: string;
  email: string;
  password: string;
  token: string;
  http: HttpClient;
}

export const TEST_PASSWORD = 'correct-horse-battery';

/** Registers a citizen over HTTP, then (for higher roles) sets the role directly and logs in again. */
export async function createAccount(
  testApp: TestApp,
  role: Exclude<Role, 'guest'> = 'citizen',
  displayName?: string,
): Promise<TestAccount> {
  const http = new HttpClient(`${testApp.url}/api/v1`);
  const email = `${role}-${randomUUID().slice(0, 8)}@test.balai`;
  const name = displayName ?? `Test ${role}`;
  if (role === 'citizen') {
    const registered = await http.post('/auth/register', { email, password: TEST_PASSWORD, displayName: name });
    if (registered.status !== 201) throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
    return {
      id: registered.body.user.id,
      email,
      password: TEST_PASSWORD,
      token: registered.body.accessToken,
      http: http.as(registered.body.accessToken),
    };
  }
  // Higher roles are set directly, and the token issued without /auth/login, whose per-IP limit tests exercise.
  const user = await testApp.app.get(UsersService).ensureAccount({ email, password: TEST_PASSWORD, displayName: name, role });
  const token = await testApp.app.get(TokenService).issue({ id: user.id, role: user.role, displayName: user.displayName });
  return { id: user.id, email, password: TEST_PASSWORD, token, http: http.as(token) };
}

export async function createGuest(testApp: TestApp, displayName = 'Tamu'): Promise<TestAccount> {
  const http = new HttpClient(`${testApp.url}/api/v1`);
  const guest = await http.post('/auth/guest', { displayName });
  if (guest.status !== 201) throw new Error(`guest failed: ${JSON.stringify(guest.body)}`);
  return { id: guest.body.user.id, email: '', password: '', token: guest.body.accessToken, http: http.as(guest.body.accessToken) };
}
