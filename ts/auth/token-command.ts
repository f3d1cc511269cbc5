// `puppet-twitch token new|hash`: the operator's side of bearer tokens. The token is printed once and never
// stored; the config keeps its hash.
import { readFileSync } from 'node:fs';
import { twitchError } from '../errors';
import { newToken, tokenEntry, tokenHash } from './tokens';
import { IDENTITY_ID, IDENTITY_ID_RULE, SCOPES, type Scope } from './vocabulary';

export const DEFAULT_TOKEN_SCOPES: Scope[] = ['trigger'];

export function parseScopes(text: string | undefined): Scope[] {
  if (text === undefined) return DEFAULT_TOKEN_SCOPES;
  const scopes = text.split(',').map((s) => s.trim());
  for (const scope of scopes) {
    if (!(SCOPES as readonly string[]).includes(scope)) {
      throw twitchError('USAGE', `Unknown scope '${scope}' in --scopes: use a comma-separated list of ${SCOPES.join(', ')}.`);
    }
  }
  return [...new Set(scopes as Scope[])];
}

export function tokenNew(id: string, scopesText: string | undefined): string {
  if (!IDENTITY_ID.test(id)) {
    throw twitchError('USAGE', `Invalid --id '${id}': use ${IDENTITY_ID_RULE}.`);
  }
  const token = newToken();
  const entry = tokenEntry(id, parseScopes(scopesText), token);
  return (
    `${token}\n` +
    `# The token above is shown only now: give it to the caller (for example as a CI secret).\n` +
    `# Add this entry to auth.tokens in the config (or to the twitch class's tokens parameter):\n` +
    `${JSON.stringify(entry)}\n`
  );
}

/** The hash of the token on stdin (one line; surrounding white space is not part of a token). */
export function tokenHashCommand(stdin: number | string = 0): string {
  const token = readFileSync(stdin, 'utf8').trim();
  if (token === '' || /\s/.test(token)) throw twitchError('USAGE', 'token hash reads one token on stdin, for example: echo "$TOKEN" | puppet-twitch token hash');
  return `${tokenHash(token)}\n`;
}
