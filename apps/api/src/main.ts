import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '@balai/config';
import { DemoCitySeeder } from '@balai/demo';
import { createApp } from './create-app';
import { installGracefulShutdown } from './graceful-shutdown';
import { reportProcessStats } from './process-stats';
import { startBanner } from './start-banner';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // A dependency that forgets to handle a rejection (say, during a Redis outage) must not take the
  // whole hall down with it: log it loudly and keep serving.
  process.on('unhandledRejection', (reason: unknown) => {
    new Logger('Process').error({ err: reason }, 'Unhandled rejection');
  });
  if (config.processStatsMs) reportProcessStats(config.processStatsMs);
  const app = await createApp(config);
  installGracefulShutdown(app);
  // Every interface, IPv6 and IPv4 (Fastify alone would listen on localhost only); IPv4 only where
  // the host has no IPv6, as Node itself does when no host is given.
  await app.listen(config.port, '::').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EAFNOSUPPORT' && error.code !== 'EADDRNOTAVAIL') throw error;
    return app.listen(config.port, '0.0.0.0');
  });
  const baseUrl = `http://localhost:${config.port}`;
  new Logger('Balai').log(`Balai is listening on ${baseUrl}`);
  if (config.logFormat === 'pretty') process.stdout.write(startBanner(baseUrl, app.get(DemoCitySeeder).report));
}

main().catch((error: unknown) => {
  process.stderr.write(`Balai failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
