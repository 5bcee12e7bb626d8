import type { DemoCityReport } from '@balai/demo';

/** What a person who typed `npm start` needs on one screen: where Balai is, how to sign in, how to join. */
export function startBanner(baseUrl: string, demo: DemoCityReport | null): string {
  const lines = ['', `  Balai is running on ${baseUrl}`];
  if (demo) {
    lines.push('', '  Demo city accounts (random passwords, shown only this once: note the ones you need):');
    for (const account of demo.accounts) lines.push(`    ${account.role.padEnd(10)}${account.email.padEnd(24)}${account.password}`);
    if (demo.liveJoinCode) {
      lines.push('', `  Live Q&A now: join code ${demo.liveJoinCode}, ${baseUrl}/live/${demo.liveJoinCode}`);
    }
  }
  lines.push('', '  Stop with Ctrl+C.', '');
  return lines.join('\n');
}
