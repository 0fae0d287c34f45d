/** No input makes the receiver answer 5xx: random methods, routes, headers and bodies, and mutations of a valid record. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { ConsentRecord } from '../../src/core/record/consent-record.js';
import { type ConsentHandler, createConsentHandler } from '../../src/server/consent-handler.js';
import { SqliteConsentStore } from '../../src/server/sqlite-consent-store.js';
import { signedSample } from '../support/sample-record.js';

let dir: string;
let store: SqliteConsentStore;
let handler: ConsentHandler;
let valid: ConsentRecord;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'optin-fuzz-'));
  store = new SqliteConsentStore(join(dir, 'consents.db'));
  handler = createConsentHandler({ store, allowedOrigins: ['https://shop.example'], rateLimits: { perClient: false, perSubject: false } });
  valid = await signedSample();
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function expectNo5xx(request: Request): Promise<void> {
  const response = await handler(request);
  const text = await response.text();
  assert.ok(response.status < 500, `answered ${response.status} ${text}`);
  if (response.status >= 400) {
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    assert.equal(typeof body.error.code, 'string');
    assert.ok(body.error.message.length > 0);
  }
}

/** Replaces, deletes or adds one member somewhere in the record. */
function mutate(record: unknown, path: number[], replacement: unknown, action: 'replace' | 'delete' | 'add'): unknown {
  const copy = structuredClone(record) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const index of path) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[index % keys.length];
    const child = node[key];
    if (typeof child !== 'object' || child === null) {
      if (action === 'delete') delete node[key];
      else node[action === 'add' ? `${key}_` : key] = replacement;
      return copy;
    }
    node = child as Record<string, unknown>;
  }
  node[action === 'add' ? 'extra' : (Object.keys(node)[0] ?? 'x')] = replacement;
  return copy;
}

const contentTypes = fc.oneof(
  fc.constantFrom('application/json', 'text/plain;charset=UTF-8', 'application/json; charset=utf-8', 'text/html', '', 'multipart/form-data'),
  fc.string(),
);

describe('the receiver under fuzzing', () => {
  it('never answers 5xx to random requests', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
        fc.oneof(fc.constantFrom('/consents', '/consents/nonce', '/.well-known/jwks.json', '/consents/', '/'), fc.webPath()),
        contentTypes,
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.uint8Array().map((bytes) => new TextDecoder().decode(bytes)),
        ),
        fc.option(fc.constantFrom('https://shop.example', 'https://evil.example', 'null'), { nil: undefined }),
        async (method, path, contentType, body, origin) => {
          const headers: Record<string, string> = { 'Content-Type': contentType };
          if (origin) headers.Origin = origin;
          const hasBody = method !== 'GET';
          await expectNo5xx(new Request(`http://receiver.test${path}`, { method, headers, body: hasBody ? body : undefined }));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never answers 5xx to mutations of a valid record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        fc.oneof(fc.jsonValue(), fc.string(), fc.constant(null), fc.double(), fc.constantFrom('A'.repeat(54), '__proto__', '9'.repeat(400))),
        fc.constantFrom('replace' as const, 'delete' as const, 'add' as const),
        fc.option(fc.string(), { nil: undefined }),
        async (path, replacement, action, idempotencyKey) => {
          const record = mutate(valid, path, replacement, action);
          const headers: Record<string, string> = { 'Content-Type': 'application/json' };
          if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey.replace(/[^\x20-\x7e]/g, '');
          await expectNo5xx(new Request('http://receiver.test/consents', { method: 'POST', headers, body: JSON.stringify(record) }));
        },
      ),
      { numRuns: 400 },
    );
  });
});
