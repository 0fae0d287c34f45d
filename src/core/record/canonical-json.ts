/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * Object members are sorted by their UTF-16 code units, numbers use the
 * ECMAScript shortest round-trip form and strings the ECMAScript JSON escaping;
 * both are exactly what `JSON.stringify` produces, which is why JCS was
 * specified that way.
 */
export function canonicalize(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JCS cannot represent NaN or Infinity');
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ',';
      text += canonicalize(value[i] === undefined ? null : value[i]);
    }
    return `${text}]`;
  }
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 asks for.
    const keys = Object.keys(object).sort();
    let text = '{';
    for (const key of keys) {
      const member = object[key];
      if (member === undefined) continue;
      if (text.length > 1) text += ',';
      text += `${JSON.stringify(key)}:${canonicalize(member)}`;
    }
    return `${text}}`;
  }
  throw new TypeError(`JCS cannot represent a value of type ${typeof value}`);
}
