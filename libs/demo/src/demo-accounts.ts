import { randomBytes } from 'node:crypto';

/**
 * The demo city's cast. Each account gets its own random password when the demo is seeded; the start
 * banner prints them once (a server listening on every interface must not carry a known admin password).
 */
export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@balai.demo', displayName: 'Admin Balai', role: 'admin' },
  official: { email: 'walikota@balai.demo', displayName: 'Kantor Walikota', role: 'official' },
  moderator: { email: 'moderator@balai.demo', displayName: 'Rina (Moderator)', role: 'moderator' },
  citizens: [
    { email: 'sari@balai.demo', displayName: 'Sari Wulandari', role: 'citizen' },
    { email: 'budi@balai.demo', displayName: 'Budi Santoso', role: 'citizen' },
    { email: 'dewi@balai.demo', displayName: 'Dewi Lestari', role: 'citizen' },
    { email: 'agus@balai.demo', displayName: 'Agus Pratama', role: 'citizen' },
  ],
} as const;

/** A fresh demo password: 96 random bits, 16 URL-safe characters (easy to copy from a terminal). */
export function randomDemoPassword(): string {
  return randomBytes(12).toString('base64url');
}
