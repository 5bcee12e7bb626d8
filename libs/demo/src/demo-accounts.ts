/** Printed by `npm start` on a demo database; never used outside the demo city. */
export const DEMO_PASSWORD = 'balai-demo-2026';

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
