// @ts-check
/**
 * Lanes of the component tests' real receiver: `/receiver/lane/<key>/…` is the same receiver as
 * `/receiver/…` (same SQLite ledger, same verification), but every request of the lane is noted,
 * and the test decides how the lane's network behaves. Three engines run the same tests at once
 * against one server, so each test opens its own lane with a random key (test/support/receiver-lane.ts).
 *
 *   PUT  /receiver-lanes/<key>          {"consents": MODE, "nonce": MODE, "retryAfterSeconds": N}
 *   POST /receiver-lanes/<key>/release  held requests go on to the receiver; the lane passes again
 *   GET  /receiver-lanes/<key>          {"requests": [{method, path, idempotencyKey, contentType, body, status}], "held": N}
 *
 * Modes (`consents` for record POSTs, `nonce` for `GET …/consents/nonce`):
 *   pass         the real receiver answers (default)
 *   hold         the request waits until the test releases it, then the real receiver answers
 *   unavailable  503 with `Retry-After: retryAfterSeconds` (default 0), the receiver never sees it
 *   unreachable  the connection is dropped without an answer (a network error in the browser)
 *   absent       404, as a server without the route answers (nonce: "not offered")
 *   garbled      200 with a body that is not a nonce (nonce: "failed")
 * A request's `status` is 0 while it is held or when it was dropped.
 */
import { Readable } from 'node:stream';

/**
 * @typedef {'pass' | 'hold' | 'unavailable' | 'unreachable' | 'absent' | 'garbled'} LaneMode
 * @typedef {{ method: string, path: string, idempotencyKey: string, contentType: string, body: string, status: number }} LaneRequest
 * @typedef {{ consents: LaneMode, nonce: LaneMode, retryAfterSeconds: number, requests: LaneRequest[], held: Array<() => void> }} Lane
 */

const MODES = new Set(['pass', 'hold', 'unavailable', 'unreachable', 'absent', 'garbled']);
const LANE_PATH = /^\/receiver\/lane\/([A-Za-z0-9_-]{8,64})(\/.*)$/;
const CONTROL_PATH = /^\/receiver-lanes\/([A-Za-z0-9_-]{8,64})(\/release)?$/;

/** @type {Map<string, Lane>} */
const lanes = new Map();

/** @param {string} key */
function laneOf(key) {
  let lane = lanes.get(key);
  if (!lane) {
    lane = { consents: 'pass', nonce: 'pass', retryAfterSeconds: 0, requests: [], held: [] };
    lanes.set(key, lane);
  }
  return lane;
}

/** @param {import('node:http').IncomingMessage} req @returns {Promise<Buffer>} */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The request again, body included, for a listener that reads it as a Node request: the lane has
 * already read the body to note it.
 * @param {import('node:http').IncomingMessage} req @param {string} url @param {Buffer} body
 * @returns {import('node:http').IncomingMessage}
 */
function replayed(req, url, body) {
  const copy = Readable.from(body.length ? [body] : [], { objectMode: false });
  return /** @type {any} */ (
    Object.assign(copy, { headers: req.headers, method: req.method, url, socket: req.socket, complete: true, httpVersion: req.httpVersion })
  );
}

/** @param {import('koa').Context} ctx @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
function answer(ctx, status, body, headers = {}) {
  ctx.status = status;
  ctx.set('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(headers)) ctx.set(name, value);
  ctx.body = body;
}

/** @param {import('koa').Context} ctx @param {string} key */
async function control(ctx, key, release = false) {
  const lane = laneOf(key);
  if (ctx.method === 'GET') return answer(ctx, 200, { requests: lane.requests, held: lane.held.length });
  if (ctx.method === 'POST' && release) {
    lane.consents = lane.consents === 'hold' ? 'pass' : lane.consents;
    lane.nonce = lane.nonce === 'hold' ? 'pass' : lane.nonce;
    for (const go of lane.held.splice(0)) go();
    return answer(ctx, 200, { released: true });
  }
  if (ctx.method === 'PUT') {
    const modes = JSON.parse((await readBody(ctx.req)).toString('utf8') || '{}');
    for (const name of /** @type {const} */ (['consents', 'nonce'])) {
      if (modes[name] === undefined) continue;
      if (!MODES.has(modes[name])) return answer(ctx, 400, { error: `unknown ${name} mode ${modes[name]}` });
      lane[name] = modes[name];
    }
    if (typeof modes.retryAfterSeconds === 'number') lane.retryAfterSeconds = modes.retryAfterSeconds;
    return answer(ctx, 200, { consents: lane.consents, nonce: lane.nonce });
  }
  return answer(ctx, 405, { error: 'GET, PUT or POST …/release' });
}

/**
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void} listener
 *   the real receiver, mounted at /receiver
 * @returns {import('@web/dev-server-core').Middleware}
 */
export function receiverLanes(listener) {
  return async function lanesMiddleware(ctx, next) {
    const controlled = CONTROL_PATH.exec(ctx.path);
    if (controlled) return control(ctx, controlled[1], Boolean(controlled[2]));
    const inLane = LANE_PATH.exec(ctx.path);
    if (!inLane) return next();
    const lane = laneOf(inLane[1]);
    const path = inLane[2];
    const isNonce = ctx.method === 'GET' && /\/consents\/nonce$/.test(path);
    const isRecord = ctx.method === 'POST' && /\/consents$/.test(path);
    const mode = isNonce ? lane.nonce : isRecord ? lane.consents : 'pass';
    const body = await readBody(ctx.req);
    /** @type {LaneRequest} */
    const noted = {
      method: ctx.method,
      path,
      idempotencyKey: String(ctx.get('Idempotency-Key')),
      contentType: String(ctx.get('Content-Type')),
      body: body.toString('utf8'),
      status: 0,
    };
    lane.requests.push(noted);

    if (mode === 'hold') await new Promise((resolve) => lane.held.push(() => resolve(undefined)));
    if (mode === 'unreachable') {
      ctx.req.socket.destroy();
      ctx.respond = false;
      ctx.status = 200; // keeps wtr from reporting a 404 for a request dropped on purpose
      return;
    }
    if (mode === 'unavailable') {
      noted.status = 503;
      return answer(ctx, 503, { error: { code: 'unavailable', message: 'the lane answers 503' } }, { 'Retry-After': String(lane.retryAfterSeconds) });
    }
    if (mode === 'absent') {
      noted.status = 404;
      return answer(ctx, 404, { error: { code: 'not-found', message: 'no such route' } });
    }
    if (mode === 'garbled') {
      noted.status = 200;
      return answer(ctx, 200, { nonce: 'too short', expiresAt: 'never' });
    }
    // The real receiver answers; the Node response is written by it, so wtr must not write one.
    ctx.respond = false;
    ctx.status = 200;
    // Noted as the answer starts, before the browser can read it and ask the lane what it saw.
    const writeHead = ctx.res.writeHead;
    ctx.res.writeHead = /** @type {any} */ (
      function (/** @type {number} */ status, /** @type {any[]} */ ...rest) {
        noted.status = status;
        return writeHead.call(this, status, ...rest);
      }
    );
    const search = ctx.querystring ? `?${ctx.querystring}` : '';
    listener(replayed(ctx.req, `/receiver${path}${search}`, body), ctx.res);
  };
}
