/**
 * What ships is what is tested: the packed tarball, installed into an empty folder as a backend
 * developer would, with every `exports` entry loaded and the CLI storing a real signed record in
 * SQLite and in PostgreSQL. Needs `npm run build` first (it packs the built `dist`).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyReceipt } from '../../src/server/receiver-key.js';
import { postgresUnavailable, startTestPostgres, type TestPostgres } from '../support/postgres-cluster.js';
import { startReceiverProcess } from '../support/receiver-process.js';
import { signedSample } from '../support/sample-record.js';

/** Runs a command with stdin closed (an install script waiting on a prompt would otherwise hang the test); rejects on a non-zero exit. */
function execFile(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve({ stdout, stderr }) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr}${stdout}`)),
    );
  });
}
const projectPackage = JSON.parse(readFileSync('package.json', 'utf8'));
const built = existsSync('dist/server/cli.js');

describe('the packed tarball installed in an empty folder', { skip: built ? undefined : 'dist/ is missing: run npm run build first' }, () => {
  let dir: string;
  let installed: string;
  let postgres: TestPostgres | undefined;
  const inFolder = (command: string, args: string[]) => execFile(command, args, { cwd: dir });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'optin-tarball-'));
    // --ignore-scripts: pack the dist this run built, rather than rebuild it under the other tests' feet.
    const { stdout } = await execFile('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir]);
    const [{ filename, files }] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    assert.ok(
      files.some((f) => f.path === 'dist/server/index.js'),
      'the tarball carries dist/',
    );
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'backend-app', private: true, type: 'module' }));
    // From the npm cache where it can. better-sqlite3's install script (prebuild-install) downloads
    // its binary from GitHub, else compiles SQLite (minutes on a busy 2-core machine). Its documented
    // local-prebuilds folder is handed the binary this project already installed, built for the
    // same better-sqlite3 version and Node ABI; any other version downloads or compiles as usual.
    const sqlite = JSON.parse(readFileSync('node_modules/better-sqlite3/package.json', 'utf8')) as { version: string };
    const prebuilds = join(dir, 'prebuilds');
    mkdirSync(prebuilds);
    const prebuild = `better-sqlite3-v${sqlite.version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
    await execFile('tar', ['-czf', join(prebuilds, prebuild), '-C', 'node_modules/better-sqlite3', 'build/Release/better_sqlite3.node']);
    await execFile('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(dir, filename)], {
      cwd: dir,
      env: { ...process.env, npm_config_better_sqlite3_local_prebuilds: prebuilds },
    });
    installed = join(dir, 'node_modules', 'optin-elements');
    if (!postgresUnavailable()) postgres = await startTestPostgres();
  });
  after(async () => {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds dist on every npm pack (prepack)', () => {
    assert.match(projectPackage.scripts.prepack, /npm run build/);
  });

  it('installs the store drivers with the package, as optional dependencies', () => {
    assert.ok(existsSync(join(dir, 'node_modules', 'better-sqlite3', 'package.json')));
    assert.ok(existsSync(join(dir, 'node_modules', 'pg', 'package.json')));
  });

  it('resolves every exports entry to a file that loads', async () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { exports: Record<string, string | Record<string, string>> };
    // Node can run these; the element entries need a DOM, so for them Node checks the syntax only.
    const importable = new Set(['./core', './server', './locales/*']);
    const checks: string[] = [];
    for (const [entry, target] of Object.entries(pkg.exports)) {
      const specifier = `optin-elements${entry.slice(1).replace('*', 'en')}`;
      for (const [condition, file] of Object.entries(typeof target === 'string' ? { default: target } : target)) {
        const path = join(installed, file.replace('*', 'en'));
        assert.ok(existsSync(path), `exports["${entry}"].${condition} names ${file}, which is not in the tarball`);
        if (file.endsWith('.json')) JSON.parse(readFileSync(path, 'utf8'));
        else if (file.endsWith('.d.ts')) continue;
        else if (importable.has(entry)) checks.push(`await import(${JSON.stringify(specifier)});`);
        else await inFolder(process.execPath, ['--check', path]);
      }
    }
    // One process, run from the consumer's folder, so the package resolves as a user's import would.
    await inFolder(process.execPath, ['--input-type=module', '-e', checks.join('\n')]);
  });

  it('loads the server entry with no database driver installed, and names the package a store needs', async () => {
    const aside = join(dir, 'drivers-aside');
    renameSync(join(dir, 'node_modules', 'better-sqlite3'), `${aside}-sqlite`);
    renameSync(join(dir, 'node_modules', 'pg'), `${aside}-pg`);
    try {
      const { stdout } = await inFolder(process.execPath, [
        '--input-type=module',
        '-e',
        `const server = await import('optin-elements/server');
         console.log(typeof server.createConsentHandler);
         for (const db of ['ledger.db', 'postgres://u@127.0.0.1:1/db']) {
           await server.openConsentStore(db).then(() => console.log('opened?'), (error) => console.log(error.message));
         }`,
      ]);
      const [handler, sqlite, postgresError] = stdout.trim().split('\n');
      assert.equal(handler, 'function');
      assert.match(sqlite, /needs the package "better-sqlite3".*npm install better-sqlite3@12/);
      assert.match(postgresError, /needs the package "pg".*npm install pg@8/);
    } finally {
      renameSync(`${aside}-sqlite`, join(dir, 'node_modules', 'better-sqlite3'));
      renameSync(`${aside}-pg`, join(dir, 'node_modules', 'pg'));
    }
  });

  it('runs npx optin-elements --help', async () => {
    const { stdout } = await inFolder('npx', ['--no-install', 'optin-elements', '--help']);
    assert.match(stdout, /optin-elements serve/);
    assert.match(stdout, /postgres:\/\//);
  });

  /** Starts the installed CLI on `db`, stores one signed record, checks the receipt against the JWKS, then verifies the ledger. */
  async function storeOneRecord(db: string): Promise<void> {
    const receiver = await startReceiverProcess('npx', ['--no-install', 'optin-elements'], { cwd: dir, serveArgs: ['--db', db] });
    try {
      const record = await signedSample();
      const response = await fetch(`${receiver.url}/consents`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': record.id },
        body: JSON.stringify(record),
      });
      assert.equal(response.status, 201, receiver.errors());
      const { receipt } = (await response.json()) as { receipt: string };
      const jwks = (await (await fetch(`${receiver.url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kty: 'EC'; crv: 'P-256'; x: string; y: string }> };
      assert.equal((await verifyReceipt(receipt, jwks.keys[0]))?.id, record.id);
    } finally {
      await receiver.stop();
    }
    const { stdout } = await inFolder('npx', ['--no-install', 'optin-elements', 'verify-ledger', '--db', db]);
    assert.match(stdout, /1 rows, every signature, receipt and chain link verified/);
  }

  it('serves with a SQLite file and stores a real signed record', () => storeOneRecord(join(dir, 'consents.db')));

  it('serves with --db postgres:// and stores a real signed record', { skip: postgresUnavailable() }, async () => {
    await storeOneRecord(await postgres!.freshDatabase());
  });
});
