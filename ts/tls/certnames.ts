// Which client certnames tls.allowed_certnames lets in: shell-style patterns, matched whole. Pure.
//
// `*` matches any run of characters, dots included (fnmatch without FNM_PATHNAME or FNM_PERIOD), so
// `*.ops.example.com` matches `ops01.ops.example.com` and `a.b.ops.example.com`, but not `ops.example.com`.
// `?` matches exactly one character. Everything else matches itself; the match is case-sensitive (Puppet's
// certnames are lower case).

/** What a pattern may contain: a certname's characters as Puppet issues them, and the two wildcards. */
const PATTERN = /^[a-z0-9._*?-]+$/;

/** Printable ASCII without `/`: the characters Puppet allows in a certname. Anything else is never allowed. */
const CERTNAME = /^[ -.0-~]+$/;

/** Why `pattern` is not a usable certname pattern, or undefined when it is. */
export function certnamePatternProblem(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string' || pattern === '') return `must be a non-empty string, got ${JSON.stringify(pattern)}`;
  if (!PATTERN.test(pattern)) {
    return (
      `must be a certname pattern of lower case letters, digits, ".", "-", "_" and the wildcards "*" and "?", ` +
      `got ${JSON.stringify(pattern.slice(0, 100))}`
    );
  }
  return undefined;
}

/** Whether `certname` matches `pattern` as a whole (iterative wildcard matching: linear backtracking, no regex). */
export function certnameMatches(pattern: string, certname: string): boolean {
  let p = 0;
  let c = 0;
  let star = -1; // position in the pattern after the last `*`
  let resume = 0; // position in the certname that `*` currently stretches to
  while (c < certname.length) {
    if (p < pattern.length && pattern[p] === '*') {
      star = ++p;
      resume = c;
    } else if (p < pattern.length && (pattern[p] === '?' || pattern[p] === certname[c])) {
      p++;
      c++;
    } else if (star !== -1) {
      p = star;
      c = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Whether a verified certificate's certname is in tls.allowed_certnames. An empty list allows none. */
export function isAllowedCertname(patterns: readonly string[], certname: string): boolean {
  return CERTNAME.test(certname) && patterns.some((pattern) => certnameMatches(pattern, certname));
}
