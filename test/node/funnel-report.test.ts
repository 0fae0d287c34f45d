/**
 * The funnel report on the real receiver, on both stores: `POST /events` takes anonymous counts
 * (strictly validated, 4xx for anything else, rate-limited), keeps sums per day, form and variant
 * and nothing else, and `optin-elements report --db …` prints views, submits and the rate.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { funnelReport } from '../../src/core/notice/funnel-events.js';
import { startConsentServer } from '../../src/server/node-server.js';
import { funnelReportTable } from '../../src/server/cli-report-command.js';
import { storeKinds } from '../support/store-kinds.js';

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

const ADMIN = 'funnel-test-admin-token-0123456789abcdef';

const post = (url: string, body: unknown, headers: Record<string, string> = { 'Content-Type': 'text/plain;charset=UTF-8' }) =>
  fetch(`${url}/events`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

const events = (type: string, count: number, form = 'spring', variant = 'a') => Array.from({ length: count }, () => ({ form, variant, type }));

describe('funnel report sums', () => {
  it('sums the days per form and variant, with submits per view', () => {
    const rows = funnelReport([
      { day: '2026-12-01', form: 'spring', variant: 'a', views: 10, dismissals: 4, submissions: 1 },
      { day: '2026-12-02', form: 'spring', variant: 'a', views: 30, dismissals: 6, submissions: 3 },
      { day: '2026-12-02', form: 'spring', variant: 'b', views: 0, dismissals: 0, submissions: 0 },
    ]);
    assert.deepEqual(rows, [
      { form: 'spring', variant: 'a', views: 40, dismissals: 10, submissions: 4, rate: 0.1 },
      { form: 'spring', variant: 'b', views: 0, dismissals: 0, submissions: 0, rate: null },
    ]);
    assert.equal(funnelReport([{ day: '2026-12-01', form: 'x', variant: '', views: 1, dismissals: 0, submissions: 1 }], '2026-12-02').length, 0);
    assert.match(funnelReportTable(rows), /spring\s+a\s+40\s+10\s+4\s+10\.0 %/);
  });
});

for (const kind of storeKinds('optin-funnel')) {
  describe(`POST /events and optin-elements report (${kind.name})`, { skip: kind.skip }, () => {
    before(() => kind.setUp());
    after(() => kind.tearDown());

    it('keeps only sums per day, form and variant, and the report prints views, submits and rate', async () => {
      const ledger = await kind.freshLedger();
      const server = await startConsentServer({
        db: ledger.location,
        port: 0,
        verificationThread: false,
        allowedOrigins: ['https://shop.example'],
        adminToken: ADMIN,
      });
      try {
        // A beacon's batch (text/plain, from an allowed page) and a fetch's (application/json).
        let response = await post(
          server.url,
          { events: [...events('view', 3), ...events('dismiss', 1), ...events('submit', 1)] },
          {
            'Content-Type': 'text/plain;charset=UTF-8',
            Origin: 'https://shop.example',
          },
        );
        assert.equal(response.status, 204);
        assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
        response = await post(
          server.url,
          { events: [...events('view', 1), ...events('view', 2, 'spring', 'b'), { form: 'footer', type: 'view' }] },
          { 'Content-Type': 'application/json' },
        );
        assert.equal(response.status, 204);

        const counts = (await server.store.listFunnelCounts!()).map(({ day, ...rest }) => {
          assert.match(day, /^\d{4}-\d{2}-\d{2}$/);
          return rest;
        });
        assert.deepEqual(counts, [
          { form: 'footer', variant: '', views: 1, dismissals: 0, submissions: 0 },
          { form: 'spring', variant: 'a', views: 4, dismissals: 1, submissions: 1 },
          { form: 'spring', variant: 'b', views: 2, dismissals: 0, submissions: 0 },
        ]);
        // Counts only: no record, no address, no device key was stored.
        assert.equal((await server.store.list()).length, 0);
        // The same report for the business over HTTP, admin only.
        assert.equal((await fetch(`${server.url}/audit/funnel`)).status, 401);
        const overHttp = await fetch(`${server.url}/audit/funnel`, { headers: { Authorization: `Bearer ${ADMIN}` } });
        assert.deepEqual(((await overHttp.json()) as { rows: unknown[] }).rows, [
          { form: 'footer', variant: '', views: 1, dismissals: 0, submissions: 0, rate: 0 },
          { form: 'spring', variant: 'a', views: 4, dismissals: 1, submissions: 1, rate: 0.25 },
          { form: 'spring', variant: 'b', views: 2, dismissals: 0, submissions: 0, rate: 0 },
        ]);
      } finally {
        await server.close();
      }
      const report = await cli(['report', '--db', ledger.location]);
      assert.equal(report.code, 0, report.err);
      assert.match(report.out, /^form\s+variant\s+views\s+dismissals\s+submits\s+rate$/m);
      assert.match(report.out, /^spring\s+a\s+4\s+1\s+1\s+25\.0 %$/m);
      assert.match(report.out, /^spring\s+b\s+2\s+0\s+0\s+0\.0 %$/m);
      assert.match(report.out, /^footer\s+-\s+1\s+0\s+0\s+0\.0 %$/m);
      const json = await cli(['report', '--db', ledger.location, '--format', 'json']);
      assert.equal(JSON.parse(json.out).length, 3);
    });

    it('answers anything but a well-formed batch with a precise 4xx and stores nothing', async () => {
      const ledger = await kind.freshLedger();
      const server = await startConsentServer({ db: ledger.location, port: 0, verificationThread: false, allowedOrigins: ['https://shop.example'] });
      try {
        const cases: Array<[string, Promise<Response>, number, string?]> = [
          ['not JSON', post(server.url, '{"events": ['), 400, 'invalid-json'],
          ['another member', post(server.url, { events: events('view', 1), ip: '1.2.3.4' }), 422, 'events-invalid'],
          ['a member in an event', post(server.url, { events: [{ form: 'a', type: 'view', phone: '+4915123456789' }] }), 422, 'events-invalid'],
          ['an unknown type', post(server.url, { events: [{ form: 'a', type: 'click' }] }), 422, 'events-invalid'],
          ['a form id with a space', post(server.url, { events: [{ form: 'a b', type: 'view' }] }), 422, 'events-invalid'],
          ['an empty batch', post(server.url, { events: [] }), 422, 'events-invalid'],
          ['too many events', post(server.url, { events: events('view', 101) }), 422, 'events-invalid'],
          ['too large a body', post(server.url, { events: events('view', 1), pad: 'x'.repeat(9000) }), 413, 'body-too-large'],
          ['a form body', post(server.url, 'events=1', { 'Content-Type': 'application/x-www-form-urlencoded' }), 415, 'unsupported-media-type'],
          ['GET', fetch(`${server.url}/events`), 405, 'method-not-allowed'],
          ['another site', post(server.url, { events: events('view', 1) }, { 'Content-Type': 'text/plain', Origin: 'https://evil.example' }), 403],
        ];
        for (const [why, pending, status, code] of cases) {
          const response = await pending;
          assert.equal(response.status, status, why);
          if (code) assert.equal(((await response.json()) as { error: { code: string } }).error.code, code, why);
        }
        assert.deepEqual(await server.store.listFunnelCounts!(), []);
      } finally {
        await server.close();
      }
    });

    it('limits the requests of one address, in a bucket of its own', async () => {
      const ledger = await kind.freshLedger();
      const server = await startConsentServer({
        db: ledger.location,
        port: 0,
        verificationThread: false,
        rateLimits: { perClient: { burst: 2, perMinute: 1 } },
      });
      try {
        const statuses = [];
        for (let i = 0; i < 3; i++) statuses.push((await post(server.url, { events: events('view', 1) })).status);
        assert.deepEqual(statuses, [204, 204, 429]);
        // The consent route's budget is untouched: a nonce is still issued to this address.
        assert.equal((await fetch(`${server.url}/consents/nonce`)).status, 200);
      } finally {
        await server.close();
      }
    });
  });
}
