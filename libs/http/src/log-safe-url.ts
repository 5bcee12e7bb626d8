/** Query parameters whose values are credentials: a token pasted into a link, a password in a form sent by GET. */
const SECRET_PARAMETER = /^(?:(?:access|refresh|id)_?)?token$|^(?:password|secret|api_?key|code)$/i;

/**
 * A request target fit for a log line (or a problem's `instance`): the value of every credential-like
 * query parameter (`token`, `access_token`, `password`, …) becomes `[redacted]`. Balai's clients send
 * tokens only in the Authorization header or the Socket.IO handshake's `auth`, but a hand-made link or
 * an old client may not, and a log line outlives the token's lifetime in a backup.
 */
export function logSafeUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const hash = url.indexOf('#', query);
  const end = hash < 0 ? url.length : hash;
  const parameters = url
    .slice(query + 1, end)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals < 0 ? pair : pair.slice(0, equals);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // a malformed escape: judge the raw name
      }
      return equals >= 0 && SECRET_PARAMETER.test(name.trim()) ? `${rawName}=[redacted]` : pair;
    });
  return `${url.slice(0, query)}?${parameters.join('&')}`;
}
