/**
 * Recipe: the receiver as its own small Node service (what `npx optin-elements serve` runs),
 * configured from the environment, as a container or a systemd unit would start it.
 *
 *   OPTIN_DB=postgres://optin@db.internal:5432/consents  (or a SQLite file: /var/lib/optin/consents.db)
 *   OPTIN_ORIGINS=https://shop.example,https://www.shop.example
 *   PORT=8787 HOST=0.0.0.0
 *   node deploy-node-server.js
 *
 * Several copies behind a load balancer may share one PostgreSQL database.
 */
import { pathToFileURL } from 'node:url';
import { type RunningConsentServer, startConsentServer } from 'optin-elements/server';

export function startFromEnvironment(env: Record<string, string | undefined> = process.env): Promise<RunningConsentServer> {
  return startConsentServer({
    db: env.OPTIN_DB ?? 'consents.db',
    port: Number(env.PORT ?? 8787),
    host: env.HOST ?? '127.0.0.1',
    allowedOrigins: (env.OPTIN_ORIGINS ?? '').split(',').filter(Boolean),
    adminToken: env.OPTIN_ADMIN_TOKEN || undefined,
  });
}

// Run directly (not imported by a test): start, and stop cleanly on the orchestrator's SIGTERM.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = await startFromEnvironment();
  console.log(`optin receiver on ${server.url}`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}
