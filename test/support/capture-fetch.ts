/**
 * Replaces fetch for one browser test with a recorder of the records sent (POSTs), answering
 * `status`; any other request (the nonce the form asks for after its first render) goes to the
 * network as before. The real receiver is exercised by the e2e and node tests.
 */
export interface CapturedRequest {
  url: string;
  headers: Headers;
  body: string;
}

export function captureFetch(status = 201): { calls: CapturedRequest[]; restore: () => void } {
  const original = window.fetch;
  const calls: CapturedRequest[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    if ((init?.method ?? 'GET').toUpperCase() !== 'POST') return original(input, init);
    calls.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body) });
    return new Response(JSON.stringify(status < 300 ? { status: 'stored' } : { error: { code: 'x', message: 'refused' } }), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { calls, restore: () => (window.fetch = original) };
}
