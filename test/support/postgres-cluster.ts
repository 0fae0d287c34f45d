/**
 * A throwaway PostgreSQL server for tests: its own cluster in a temporary folder, on a free port
 * of 127.0.0.1, stopped and removed afterwards. PostgreSQL refuses to run as root, so as root the
 * cluster belongs to the `postgres` user (`runuser`). `OPTIN_TEST_POSTGRES_URL` uses a server you
 * already run instead (each test still gets its own database in it).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` */
  url: string;
  /** Creates an empty database and answers its URL. */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** The folder of `initdb` and `pg_ctl`: `OPTIN_PG_BIN`, else the newest Debian install. */
function postgresBin(): string | undefined {
  if (process.env.OPTIN_PG_BIN) return process.env.OPTIN_PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** Why the PostgreSQL tests cannot run here, or `undefined` when they can. */
export function postgresUnavailable(): string | undefined {
  if (process.env.OPTIN_TEST_POSTGRES_URL) return undefined;
  if (!postgresBin())
    return 'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; apt-get install postgresql, set OPTIN_PG_BIN, or set OPTIN_TEST_POSTGRES_URL)';
  if (userInfo().uid === 0) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root without a "postgres" user to run PostgreSQL as';
    }
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let databases = 0;

function withDatabases(url: string, stop: () => Promise<void>): TestPostgres {
  return {
    url,
    async freshDatabase() {
      const name = `optin_test_${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      const fresh = new URL(url);
      fresh.pathname = `/${name}`;
      return fresh.toString();
    },
    stop,
  };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  if (process.env.OPTIN_TEST_POSTGRES_URL) return withDatabases(process.env.OPTIN_TEST_POSTGRES_URL, async () => {});
  const bin = postgresBin();
  if (!bin) throw new Error(postgresUnavailable());
  const asRoot = userInfo().uid === 0;
  // As root, the cluster's files and process belong to `postgres`; otherwise to whoever runs the tests.
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, tool), args, { stdio: 'pipe' });
  const dir = mkdtempSync(join(tmpdir(), 'optin-pg-'));
  if (asRoot)
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  // Another test file may take the port between our probe and the server's bind: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      // fsync stays on: the crash tests rely on a commit being on disk.
      run('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, '-l', join(dir, 'log'), '-w', 'start']);
    } catch (error) {
      if (attempt < 4) continue;
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return withDatabases(`postgres://postgres@127.0.0.1:${port}/postgres`, async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}
