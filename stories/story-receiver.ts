/**
 * Storybook is static files, so no receiver runs beside it. Stories that show
 * the sending, success and error states point the form at these addresses,
 * which this stand-in answers inside the page. The real receiver is exercised
 * by the end-to-end tests; here only the look of each state matters.
 */
export const STORY_RECEIVER = {
  stores: 'https://receiver.storybook.example/stores',
  refuses: 'https://receiver.storybook.example/refuses',
  neverAnswers: 'https://receiver.storybook.example/never-answers',
  unavailable: 'https://receiver.storybook.example/unavailable',
} as const;

let installed = false;

/** Installed by .storybook/preview.ts before the elements load, so records left pending by one story are retried here too. */
export function installStoryReceiver(): void {
  if (installed) return;
  installed = true;
  const realFetch = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const json = (status: number, body: unknown) =>
      Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
    switch (url) {
      case STORY_RECEIVER.stores:
        return json(201, { status: 'stored', seq: 1 });
      case STORY_RECEIVER.refuses:
        return json(422, { error: { code: 'record-rejected', message: 'The signature does not match the record.' } });
      case STORY_RECEIVER.unavailable:
        // Like a receiver that is down: the form keeps the record on the device and retries later.
        return json(503, { error: { code: 'unavailable', message: 'The receiver is down for maintenance.' } });
      case STORY_RECEIVER.neverAnswers:
        // Answers nothing until the form gives up on the attempt (its per-attempt timeout), as a hung server would.
        return new Promise<Response>((_resolve, reject) => {
          const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
          signal?.addEventListener('abort', () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError')));
        });
      default:
        return realFetch(input, init);
    }
  };
}
