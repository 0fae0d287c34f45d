// @ts-check
/**
 * A third-party webhook on the component-test server (web-test-runner middleware), for tests of
 * endpoints that are not optin-elements' receiver (`prepareRequest`, no nonce asked). Everything
 * else posts to the real receiver (test-receiver-middleware.mjs, receiver-lanes.mjs).
 *
 *   POST /test-endpoint/ok/…       201, echoing what it received
 */

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
  ctx.set('Cache-Control', 'no-store');
  if (ctx.method !== 'POST') {
    ctx.status = 405;
    return;
  }
  const body = await readBody(ctx.req);
  const received = { url: ctx.url, headers: ctx.headers, body };
  ctx.status = 201;
  ctx.body = { status: 'stored', received };
}
