/**
 * A validator for the subset of JSON Schema that the record schema uses
 * (type, const, enum, required, properties, additionalProperties, items,
 * minItems, maxItems, maxProperties, minLength, maxLength, minimum, maximum, pattern, anyOf). Small enough to
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
  maxProperties?: number;
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
  collectViolations(value, schema, path, violations);
  return violations;
}

/** Appends the violations of `value` to `violations`, in document order; one array for the whole walk. */
function collectViolations(value: unknown, schema: JsonSchema, path: string, violations: SchemaViolation[]): void {
  const actual = typeOf(value);

  if (schema.type !== undefined) {
    const allowed: readonly JsonType[] = typeof schema.type === 'string' ? [schema.type] : schema.type;
    const matches = allowed.includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!matches) {
      violations.push({ path, message: `must be ${allowed.join(' or ')}, got ${actual}` });
      return;
    }
  }
  if ('const' in schema && value !== schema.const) violations.push({ path, message: `must be ${JSON.stringify(schema.const)}` });
  if (schema.enum && !schema.enum.includes(value)) {
    violations.push({ path, message: `must be one of ${schema.enum.map((item) => JSON.stringify(item)).join(', ')}` });
  }

  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) violations.push({ path, message: `must not be shorter than ${schema.minLength}` });
    if (schema.maxLength !== undefined && value.length > schema.maxLength) violations.push({ path, message: `must not be longer than ${schema.maxLength}` });
    if (schema.pattern !== undefined && !patternOf(schema as JsonSchema & { pattern: string }).test(value)) {
      violations.push({ path, message: `must match ${schema.pattern}` });
    }
  }

  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) violations.push({ path, message: `must not be less than ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum) violations.push({ path, message: `must not be more than ${schema.maximum}` });
  }

  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) violations.push({ path, message: `must have at least ${schema.minItems} items` });
    if (schema.maxItems !== undefined && value.length > schema.maxItems) violations.push({ path, message: `must have at most ${schema.maxItems} items` });
    if (schema.items) {
      for (let index = 0; index < value.length; index++) collectViolations(value[index], schema.items, pointer(path, index), violations);
    }
  }

  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    if (schema.maxProperties !== undefined && Object.keys(object).length > schema.maxProperties) {
      violations.push({ path, message: `must have at most ${schema.maxProperties} member${schema.maxProperties === 1 ? '' : 's'}` });
    }
    for (const name of schema.required ?? []) {
      if (!(name in object)) violations.push({ path: pointer(path, name), message: 'is required' });
    }
    for (const name of Object.keys(object)) {
      // Own members only: `constructor` or `__proto__` must not find Object.prototype's.
      const memberSchema = schema.properties && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
      if (memberSchema) collectViolations(object[name], memberSchema, pointer(path, name), violations);
      else if (schema.additionalProperties === false) violations.push({ path: pointer(path, name), message: 'is not allowed' });
    }
  }

  if (schema.anyOf && !schema.anyOf.some((option) => validateJsonSchema(value, option, path).length === 0)) {
    const options = schema.anyOf.map((option) => (option.required ? option.required.join('+') : 'a listed shape'));
    violations.push({ path, message: `must have one of: ${options.join(', ')}` });
  }
}
