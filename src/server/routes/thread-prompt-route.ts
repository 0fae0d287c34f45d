/**
 * `POST /thread-prompts` (admin bearer): issues a WhatsApp thread opt-in prompt for one person and
 * keeps it, so the webhook can turn a "yes" to it into an opt-in. Body:
 * `{phone?, bsuid?, businessName?, categories, locale?, profile?, privacyUrl?, termsUrl?, frequency?}`.
 * Answers 201 `{promptId, recipient, text, locale, categories, issuedAt, expiresAt, message}`:
 * `message` is the Cloud API body the business posts to `/<PHONE_NUMBER_ID>/messages`.
 * A text that fails a compliance rule is refused (422 `prompt-not-compliant`, every failure listed).
 */
import type { RecordSubject } from '../../core/record/consent-record.js';
import { isProfileId } from '../../core/policy/profiles.js';
import { NonCompliantPromptError } from '../../core/messages/thread-opt-in-prompt.js';
import { normalizeSubjectPhone } from '../phone-normalization.js';
import { subjectProblem } from '../preference-tokens.js';
import { DEFAULT_THREAD_PROMPT_MAX_AGE_MS, issueThreadOptInPrompt } from '../thread-prompts/issue-thread-prompt.js';
import { hasThreadPromptStore } from '../thread-prompts/thread-prompt-store.js';
import { errorResponse, jsonResponse, readBodyText } from './json-response.js';
import type { RouteContext } from './route-context.js';

const optionalString = (value: unknown) => value === undefined || (typeof value === 'string' && value.length <= 2048);

function categoryIds(categories: unknown): string[] {
  if (typeof categories === 'string')
    return categories
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
  if (!Array.isArray(categories)) return [];
  return categories.map((c) => (typeof c === 'string' ? c : typeof c === 'object' && c !== null ? String((c as { id?: unknown }).id) : ''));
}

export async function issueThreadPrompt(request: Request, context: RouteContext): Promise<Response> {
  const store = context.store;
  if (!hasThreadPromptStore(store)) return errorResponse(501, 'not-supported', 'this store keeps no thread prompts');
  const text = await readBodyText(request, 16 * 1024);
  if (text === undefined) return errorResponse(413, 'body-too-large', 'the body is larger than 16 KiB or not UTF-8');
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    return errorResponse(400, 'invalid-json', 'send {"phone": "+49…", "categories": "offers,order-updates"} as JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return errorResponse(400, 'invalid-json', 'the body must be a JSON object');
  const subject: RecordSubject = {};
  if (body.phone !== undefined) subject.phone = String(body.phone);
  if (body.bsuid !== undefined) subject.bsuid = String(body.bsuid);
  const problem = subjectProblem(subject);
  if (problem) return errorResponse(422, 'subject-invalid', problem);
  const normalized = normalizeSubjectPhone(subject);
  if (!normalized.ok) return errorResponse(422, 'phone-invalid', normalized.message);
  const businessName = body.businessName ?? context.whatsapp?.businessName;
  if (typeof businessName !== 'string' || !businessName.trim() || businessName.length > 200) {
    return errorResponse(422, 'prompt-invalid', 'businessName must name the business (1 to 200 characters)');
  }
  for (const name of ['locale', 'privacyUrl', 'termsUrl', 'frequency'] as const) {
    if (!optionalString(body[name])) return errorResponse(422, 'prompt-invalid', `${name} must be a string`);
  }
  if (body.profile !== undefined && !isProfileId(body.profile))
    return errorResponse(422, 'prompt-invalid', 'profile must be platform, gdpr, sms-us or strictest');
  const unknown = context.categories ? categoryIds(body.categories).filter((id) => !context.categories!.some((c) => c.id === id)) : [];
  if (unknown.length > 0) {
    // A grant of a category the business does not configure changes nothing: refuse to ask for it.
    return errorResponse(422, 'category-unknown', `not among the receiver's configured categories: ${unknown.join(', ')}`);
  }
  const now = context.now();
  try {
    const { prompt, issued } = await issueThreadOptInPrompt(
      store,
      {
        recipient: normalized.subject,
        businessName,
        categories: body.categories as string,
        locale: body.locale as string | undefined,
        profile: body.profile as Parameters<typeof issueThreadOptInPrompt>[1]['profile'],
        privacyUrl: body.privacyUrl as string | undefined,
        termsUrl: body.termsUrl as string | undefined,
        frequency: body.frequency as string | undefined,
      },
      now,
    );
    const maxAge = context.whatsapp?.threadPromptMaxAgeMs ?? DEFAULT_THREAD_PROMPT_MAX_AGE_MS;
    return jsonResponse(201, {
      promptId: issued.id,
      recipient: issued.recipient,
      text: issued.text,
      locale: issued.locale,
      categories: issued.categories,
      policy: issued.policy,
      issuedAt: issued.issuedAt,
      expiresAt: new Date(now.getTime() + maxAge).toISOString(),
      message: prompt.message,
    });
  } catch (error) {
    if (error instanceof NonCompliantPromptError) {
      return jsonResponse(422, {
        error: {
          code: 'prompt-not-compliant',
          message: error.message,
          details: error.failures.map((f) => ({ code: f.id, message: f.message ?? f.id })),
        },
      });
    }
    if (error instanceof TypeError) return errorResponse(422, 'prompt-invalid', error.message);
    throw error;
  }
}
