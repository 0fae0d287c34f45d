/**
 * The verifiable log's public routes (no secret needed: anyone may watch the log):
 * `GET /log/checkpoint` (C2SP signed checkpoint), `GET /log/key` (the note
 * verifier key), `GET /log/proof/consistency?from=M&to=N`,
 * `GET /log/proof/inclusion?index=I&size=N`.
 */
import { errorResponse, jsonResponse } from './json-response.js';
import type { RouteContext } from './route-context.js';

const WHOLE_NUMBER = /^(0|[1-9][0-9]{0,15})$/;

function numberParameter(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  return value !== null && WHOLE_NUMBER.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : undefined;
}

const base64 = (hashes: Uint8Array[]) => hashes.map((h) => Buffer.from(h).toString('base64'));

export async function handleLogRequest(request: Request, route: string, context: RouteContext): Promise<Response | undefined> {
  const known = ['/log/checkpoint', '/log/key', '/log/proof/consistency', '/log/proof/inclusion'];
  if (!known.includes(route)) return undefined;
  const checkpoints = context.checkpoints;
  if (!checkpoints?.enabled) return errorResponse(404, 'no-log', "this receiver's store keeps no verifiable log", context.cors);
  if (request.method !== 'GET') return errorResponse(405, 'method-not-allowed', 'use GET', { ...context.cors, Allow: 'GET' });
  const text = (body: string) =>
    new Response(body, { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...context.cors } });
  if (route === '/log/checkpoint') return text((await checkpoints.checkpoint()).note);
  if (route === '/log/key') return text(`${(await context.key()).log.verifier.text}\n`);
  const url = new URL(request.url);
  const log = await checkpoints.log();
  if (route === '/log/proof/consistency') {
    const from = numberParameter(url, 'from');
    const to = numberParameter(url, 'to');
    if (from === undefined || to === undefined || from > to) {
      return errorResponse(400, 'bad-proof-range', 'give from and to as whole numbers with from <= to', context.cors);
    }
    if (to > log.size) return errorResponse(400, 'beyond-log', `the log has ${log.size} leaves, fewer than to=${to}`, context.cors);
    return jsonResponse(200, { from, to, proof: base64(log.consistencyProof(from, to)) }, context.cors);
  }
  const index = numberParameter(url, 'index');
  const size = numberParameter(url, 'size');
  if (index === undefined || size === undefined || index >= size) {
    return errorResponse(400, 'bad-proof-range', 'give index and size as whole numbers with index < size', context.cors);
  }
  if (size > log.size) return errorResponse(400, 'beyond-log', `the log has ${log.size} leaves, fewer than size=${size}`, context.cors);
  return jsonResponse(200, { index, size, proof: base64(log.inclusionProof(index, size)) }, context.cors);
}
