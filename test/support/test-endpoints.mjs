// @ts-check
/**
 * Endpoints on the component-test server (web-test-runner middleware), so a
 * test's record gets the same answers whichever page of the origin sends it
 * (the outbox is shared by every page of an origin, like in a real browser).
 *
 *   POST /test-endpoint/ok/…       201, echoing what it received
 *   POST /test-endpoint/flaky/…    503 (Retry-After: 0) the first time a record id is seen, then 201
 *   POST /test-endpoint/refuse/…   422
 *   GET  /test-endpoint/…/nonce    a nonce
 */

/** @type {Set<string>} */
const seenByFlaky = new Set();

/** @param {import('node:http').IncomingMessage} req */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** @type {import('@web/dev-server-core').Middleware} */
export async function testEndpoints(ctx, next) {
  if (!ctx.path.startsWith('/test-endpoint/')) return next();
  const [, , mode] = ctx.path.split('/');
  ctx.set('Cache-Control', 'no-store');
  if (ctx.method === 'GET' && ctx.path.endsWith('/nonce')) {
    ctx.body = { nonce: 'n0nce-from-the-receiver-0123456789', expiresAt: new Date(Date.now() + 600_000).toISOString() };
    return;
  }
  if (ctx.method !== 'POST') {
    ctx.status = 405;
    return;
  }
  const body = await readBody(ctx.req);
  const received = { url: ctx.url, headers: ctx.headers, body };
  let id = String(ctx.get('Idempotency-Key') || '');
  try {
    id ||= JSON.parse(body).id ?? '';
  } catch {
    /* not JSON */
  }
  if (mode === 'refuse') {
    ctx.status = 422;
    ctx.body = { error: { code: 'refused', message: 'answer 422' } };
    return;
  }
  if (mode === 'flaky' && !seenByFlaky.has(id)) {
    seenByFlaky.add(id);
    ctx.status = 503;
    ctx.set('Retry-After', '0');
    ctx.body = { error: { code: 'unavailable', message: 'answer 503' } };
    return;
  }
  ctx.status = 201;
  ctx.body = { status: 'stored', received };
}
