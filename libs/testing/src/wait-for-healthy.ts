/** Polls GET /health until it answers `status` (200: healthy; 503: up, but the database or Redis is not), or the deadline passes. */
export async function waitForHealthy(url: string, timeoutMs = 30_000, status = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/health`)).status === status) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url}/health did not answer ${status} within ${timeoutMs} ms`);
}
