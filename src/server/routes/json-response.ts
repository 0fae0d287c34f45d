/** JSON answers of the extra routes, in the receiver's error shape `{error: {code, message, details?}}`. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { error: { code, message } }, headers);
}

/** Reads a bounded body as text; `undefined` when it is larger than `limit` bytes or not UTF-8. */
export async function readBodyText(request: Request, limit: number): Promise<string | undefined> {
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.byteLength > limit) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
