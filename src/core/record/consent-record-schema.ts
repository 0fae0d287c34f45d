import { CAMPAIGN_PARAMETERS, CAMPAIGN_VALUE_MAX_LENGTH, VARIANT_PATTERN } from './campaign-attribution.js';
import type { JsonSchema } from './json-schema.js';
import { BSUID_PATTERN, CHANNEL_PATTERN, E164_PATTERN } from '../phone/identifier-patterns.js';

const nonEmpty = { type: 'string', minLength: 1 } as const;
const isoInstant = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z$';
const detachedJws = { type: 'string', pattern: '^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+$', maxLength: 4096 } as const;

/**
 * JSON Schema (draft 2020-12) of the consent record v1. The build writes it to
 * `dist/consent-record.schema.json`; `validateJsonSchema` checks records
 * against it on both sides.
 */
export const consentRecordSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://optin-elements.dev/schema/consent-record-v1.json',
  title: 'optin-elements consent record v1',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'id', 'kind', 'capturedAt', 'subject', 'business', 'channel', 'categories', 'notice', 'collection', 'policy', 'proof'],
  properties: {
    version: { const: 1 },
    id: {
      type: 'string',
      pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$',
    },
    kind: { enum: ['opt-in', 'opt-out', 'preferences', 'confirmation'] },
    capturedAt: {
      type: 'string',
      pattern: isoInstant,
    },
    subject: {
      type: 'object',
      additionalProperties: false,
      anyOf: [{ required: ['phone'] }, { required: ['bsuid'] }],
      properties: {
        phone: { type: 'string', pattern: E164_PATTERN.source },
        bsuid: { type: 'string', pattern: BSUID_PATTERN.source },
      },
    },
    business: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'privacyUrl'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        privacyUrl: { type: ['string', 'null'], maxLength: 2048 },
        termsUrl: { type: ['string', 'null'], maxLength: 2048 },
      },
    },
    channel: { type: 'string', pattern: CHANNEL_PATTERN.source },
    categories: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'label', 'granted'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' },
          label: { ...nonEmpty, maxLength: 200 },
          granted: { type: 'boolean' },
          templateCategory: { enum: ['marketing', 'utility', 'authentication'] },
        },
      },
    },
    notice: {
      type: 'object',
      additionalProperties: false,
      required: ['locale', 'text', 'sha256'],
      properties: {
        locale: { type: 'string', pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
        text: { ...nonEmpty, maxLength: 20000 },
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      },
    },
    collection: {
      type: 'object',
      additionalProperties: false,
      required: ['source', 'pageUrl', 'widgetVersion'],
      properties: {
        source: {
          enum: ['website', 'landing-page', 'qr', 'whatsapp-thread', 'in-store', 'social-ad', 'email', 'sms', 'import'],
        },
        pageUrl: { type: 'string', maxLength: 4096 },
        widgetVersion: { ...nonEmpty, maxLength: 64 },
        fillMs: { type: 'integer', minimum: 0, maximum: 31_536_000_000 },
        honeypot: { type: 'boolean' },
        campaign: {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(CAMPAIGN_PARAMETERS.map((name) => [name, { ...nonEmpty, maxLength: CAMPAIGN_VALUE_MAX_LENGTH }])),
        },
        variant: { type: 'string', pattern: VARIANT_PATTERN.source },
        staffId: { ...nonEmpty, maxLength: 64 },
        locationId: { ...nonEmpty, maxLength: 64 },
      },
    },
    policy: {
      type: 'object',
      additionalProperties: false,
      required: ['profile', 'checks'],
      properties: {
        profile: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,31}$' },
        checks: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'passed'],
            properties: {
              id: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' },
              passed: { type: 'boolean' },
            },
          },
        },
      },
    },
    nonce: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,128}$' },
    confirms: {
      type: 'object',
      additionalProperties: false,
      required: ['recordId', 'code'],
      properties: {
        recordId: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' },
        code: { type: 'string', pattern: '^[0-9A-Z]{4}-[0-9A-Z]{4}$' },
      },
    },
    inbound: {
      type: 'object',
      additionalProperties: false,
      required: ['messageId'],
      properties: {
        messageId: { ...nonEmpty, maxLength: 256 },
        sentAt: { type: 'string', maxLength: 64 },
        previous: {
          type: 'object',
          additionalProperties: false,
          properties: { phone: { type: 'string', pattern: E164_PATTERN.source }, bsuid: { type: 'string', pattern: BSUID_PATTERN.source } },
        },
        referral: {
          type: 'object',
          additionalProperties: false,
          properties: {
            source_url: { ...nonEmpty, maxLength: 2048 },
            source_id: { ...nonEmpty, maxLength: 256 },
            source_type: { ...nonEmpty, maxLength: 32 },
            headline: { ...nonEmpty, maxLength: 1024 },
            body: { ...nonEmpty, maxLength: 1024 },
            media_type: { ...nonEmpty, maxLength: 32 },
            ctwa_clid: { ...nonEmpty, maxLength: 1024 },
          },
        },
      },
    },
    nonceUnavailable: { enum: ['offline', 'not-offered', 'failed'] },
    proof: {
      type: 'object',
      additionalProperties: false,
      // Exactly one kind: signed on the person's device (`jws`) or attested by the receiver (`attestation`).
      maxProperties: 1,
      anyOf: [{ required: ['jws'] }, { required: ['attestation'] }],
      properties: {
        jws: detachedJws,
        attestation: {
          type: 'object',
          additionalProperties: false,
          required: ['evidence', 'attestedAt', 'jws'],
          properties: {
            evidence: { enum: ['whatsapp-button-reply', 'whatsapp-message', 'sms-message', 'import'] },
            attestedAt: { type: 'string', pattern: isoInstant },
            messageIds: { type: 'array', minItems: 1, maxItems: 10, items: { ...nonEmpty, maxLength: 256 } },
            promptId: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' },
            promptText: { ...nonEmpty, maxLength: 4096 },
            importSha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
            importLine: { type: 'integer', minimum: 2, maximum: 100_000_000 },
            jws: detachedJws,
          },
        },
      },
    },
  },
} as const satisfies JsonSchema;
