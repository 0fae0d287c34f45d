/**
 * The URL of a request as the Node server received it: the `Host` header and the request target
 * (RFC 9112 §3.2). Anything malformed is a client error (400) on every route, found before any
 * route runs, so no `new URL()` deeper in the receiver can throw on a client's bytes.
 */

export type RequestTarget =
  | { ok: true; origin: string; /** The path, query included, as sent. */ target: string; /** Path without the query. */ path: string }
  | { ok: false; message: string };

// A DNS name or IPv4 address (letters, digits, dot, hyphen, underscore), or an IPv6 literal in
// brackets, then an optional port. Stricter than RFC 3986's reg-name on purpose: what this
// accepts, `new URL()` accepts too, and no receiver is reached by a percent-encoded host name.
const HOST = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::([0-9]{1,5}))?$/;

/** Why a `Host` header is unusable, or `undefined` when it is fine. */
export function hostProblem(host: string): string | undefined {
  const match = HOST.exec(host);
  if (!match) return 'the Host header is not a host name, an IP address or [an IPv6 address], with an optional :port';
  if (match[1] !== undefined && Number(match[1]) > 65535) return "the Host header's port is larger than 65535";
  try {
    new URL(`http://${host}/`);
  } catch {
    return 'the Host header is not a valid host';
  }
  return undefined;
}

// What may appear in a request target once the HTTP parser let it through: printable ASCII.
const TARGET_CHARACTERS = /^[\x21-\x7e]*$/;

/**
 * `host` is the `Host` header (`undefined` when absent: HTTP/1.0), `target` the request line's target.
 * Origin form (`/consents?x=1`) is read against the Host; absolute form (`http://host/path`, which
 * a proxy sends) is accepted with its own host, as RFC 9112 §3.2.2 asks; anything else is refused.
 */
export function parseRequestTarget(host: string | undefined, target: string | undefined): RequestTarget {
  const hostHeader = host ?? 'localhost';
  const problem = hostProblem(hostHeader);
  if (problem) return { ok: false, message: problem };
  if (!target || !TARGET_CHARACTERS.test(target)) return { ok: false, message: 'the request target is empty or holds characters a URL may not' };
  if (target.startsWith('/')) {
    const end = target.search(/[?#]/);
    return { ok: true, origin: `http://${hostHeader}`, target, path: end === -1 ? target : target.slice(0, end) };
  }
  if (/^https?:\/\//i.test(target)) {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return { ok: false, message: 'the request target is not a valid absolute URL' };
    }
    const ownHost = hostProblem(url.host);
    if (ownHost) return { ok: false, message: ownHost.replace('the Host header', "the request target's host") };
    return { ok: true, origin: `http://${url.host}`, target: `${url.pathname}${url.search}`, path: url.pathname };
  }
  return { ok: false, message: 'the request target must be a path such as /consents' };
}
