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

/**
 * Reads a body as text, stopping as soon as it passes `limit` bytes (so a huge
 * body is never held in memory); `undefined` when too large or not UTF-8.
 */
export async function readBodyText(request: Request, limit: number): Promise<string | undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  if (!request.body) return '';
  const reader = request.body.getReader();
  let size = 0;
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return undefined;
      }
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } catch {
    return undefined;
  }
}
