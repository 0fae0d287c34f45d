/**
 * A validator for the subset of JSON Schema that the record schema uses
 * (type, const, enum, required, properties, additionalProperties, items,
 * minItems, maxItems, minLength, maxLength, minimum, maximum, pattern, anyOf). Small enough to
 * ship in the widget, so the device and the receiver check the same schema.
 */

type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  type?: JsonType | readonly JsonType[];
  const?: unknown;
  enum?: readonly unknown[];
  required?: readonly string[];
  properties?: { readonly [name: string]: JsonSchema };
  additionalProperties?: boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  anyOf?: readonly JsonSchema[];
}

export interface SchemaViolation {
  /** JSON Pointer (RFC 6901) of the offending value, `''` for the root. */
  path: string;
  message: string;
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function pointer(path: string, key: string | number): string {
  const text = String(key);
  // Most member names need no escaping; skip the two replacements for them.
  if (!text.includes('~') && !text.includes('/')) return `${path}/${text}`;
  return `${path}/${text.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Each schema's pattern compiled once, not once per validated value. */
const compiledPatterns = new WeakMap<JsonSchema, RegExp>();

function patternOf(schema: JsonSchema & { pattern: string }): RegExp {
  let pattern = compiledPatterns.get(schema);
  if (!pattern) {
    pattern = new RegExp(schema.pattern, 'u');
    compiledPatterns.set(schema, pattern);
  }
  return pattern;
}

export function validateJsonSchema(value: unknown, schema: JsonSchema, path = ''): SchemaViolation[] {
  const violations: SchemaViolation[] = [];
  const fail = (message: string, at = path) => violations.push({ path: at, message });
  const actual = typeOf(value);

  if (schema.type !== undefined) {
    const allowed: readonly JsonType[] = typeof schema.type === 'string' ? [schema.type] : schema.type;
    const matches = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!matches) {
      fail(`must be ${allowed.join(' or ')}, got ${actual}`);
      return violations;
    }
  }
  if ('const' in schema && value !== schema.const) fail(`must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) {
    fail(`must be one of ${schema.enum.map((item) => JSON.stringify(item)).join(', ')}`);
  }

  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) fail(`must not be shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) fail(`must not be longer than ${schema.maxLength}`);
    if (schema.pattern !== undefined && !patternOf(schema as JsonSchema & { pattern: string }).test(value)) fail(`must match ${schema.pattern}`);
  }

  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) fail(`must not be less than ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) fail(`must not be more than ${schema.maximum}`);
  }

  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) fail(`must have at least ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) fail(`must have at most ${schema.maxItems} items`);
    if (schema.items) {
      value.forEach((item, index) => violations.push(...validateJsonSchema(item, schema.items!, pointer(path, index))));
    }
  }

  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (!(name in object)) fail('is required', pointer(path, name));
    }
    for (const [name, member] of Object.entries(object)) {
      // Own members only: `constructor` or `__proto__` must not find Object.prototype's.
      const memberSchema = schema.properties && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
      if (memberSchema) violations.push(...validateJsonSchema(member, memberSchema, pointer(path, name)));
      else if (schema.additionalProperties === false) fail('is not allowed', pointer(path, name));
    }
  }

  if (schema.anyOf && !schema.anyOf.some((option) => validateJsonSchema(value, option, path).length === 0)) {
    const options = schema.anyOf.map((option) => (option.required ? option.required.join('+') : 'a listed shape'));
    fail(`must have one of: ${options.join(', ')}`);
  }
  return violations;
}
