/**
 * `GET /may-send?phone=…|bsuid=…&category=ID[&template=…]` and `POST /may-send`
 * `{"category", "template", "subjects": [{"phone"} | {"bsuid"}, …]}` (up to 10,000), behind the
 * admin bearer (checked by `admin-routes.ts`). The rules are in `may-send.ts`.
 */
import type { RecordSubject } from '../../core/record/consent-record.js';
import { type MaySendAnswer, MaySendInputError, type MaySendRequest, MAX_MAY_SEND_SUBJECTS, maySend } from '../may-send.js';
import { receiverKidsOf } from '../receiver-key.js';
import { errorResponse, jsonResponse, readBodyText } from './json-response.js';
import type { RouteContext } from './route-context.js';

/** 10,000 subjects of up to ~150 bytes each, with room for whitespace. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

function refused(error: MaySendInputError): Response {
  const status = error.code === 'too-many-subjects' ? 413 : 422;
  return jsonResponse(status, { error: { code: error.code, message: error.message, ...(error.index !== undefined ? { index: error.index } : {}) } });
}

async function answer(context: RouteContext, request: MaySendRequest): Promise<MaySendAnswer[] | Response> {
  try {
    const key = await context.key();
    return await maySend(context.store, request, {
      now: context.now(),
      receiverKids: receiverKidsOf(key),
      key,
      ...(context.categories ? { categories: context.categories } : {}),
    });
  } catch (error) {
    if (error instanceof MaySendInputError) return refused(error);
    throw error;
  }
}

const withSubject = (subject: unknown, result: MaySendAnswer) => ({ subject, ...result });

async function answerQuery(request: Request, context: RouteContext): Promise<Response> {
  const url = new URL(request.url);
  const subject: RecordSubject = {};
  const phone = url.searchParams.get('phone');
  const bsuid = url.searchParams.get('bsuid');
  if (phone !== null) subject.phone = phone.replace(/^ /, '+').trim(); // an unencoded + arrives as a space
  if (bsuid !== null) subject.bsuid = bsuid.trim();
  if (phone === null && bsuid === null) return errorResponse(422, 'subject-invalid', 'ask for one person: ?phone=%2B4915123456789 or ?bsuid=US.…');
  const category = url.searchParams.get('category');
  if (category === null) return errorResponse(422, 'category-invalid', 'name the category: &category=offers');
  const template = url.searchParams.get('template') ?? undefined;
  const result = await answer(context, { category, template: template as MaySendRequest['template'], subjects: [subject] });
  if (result instanceof Response) return result;
  return jsonResponse(200, withSubject(subject, result[0]));
}

async function answerBatch(request: Request, context: RouteContext): Promise<Response> {
  const text = await readBodyText(request, MAX_BODY_BYTES);
  if (text === undefined)
    return errorResponse(413, 'body-too-large', `the body is larger than ${MAX_BODY_BYTES} bytes or not UTF-8 (at most ${MAX_MAY_SEND_SUBJECTS} subjects)`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return errorResponse(400, 'invalid-json', 'send {"category": "offers", "template": "marketing", "subjects": [{"phone": "+4915123456789"}]} as JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return errorResponse(400, 'invalid-json', 'the body must be a JSON object');
  const { category, template, subjects } = body as Record<string, unknown>;
  const result = await answer(context, {
    category: category as string,
    template: template as MaySendRequest['template'],
    subjects: subjects as RecordSubject[],
  });
  if (result instanceof Response) return result;
  return jsonResponse(200, { answers: result.map((r, i) => withSubject((subjects as unknown[])[i], r)) });
}

export function handleMaySendRequest(request: Request, context: RouteContext): Promise<Response> {
  if (request.method === 'GET') return answerQuery(request, context);
  if (request.method === 'POST') return answerBatch(request, context);
  return Promise.resolve(errorResponse(405, 'method-not-allowed', 'use GET for one person or POST for a batch', { Allow: 'GET, POST' }));
}
