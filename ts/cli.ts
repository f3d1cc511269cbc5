// argv → what to do. Pure: no I/O, so every accepted and refused form is unit tested.
import { twitchError } from './errors';

export type Command = 'serve' | 'helper' | 'config';

export interface Invocation {
  command: Command | 'help' | 'version';
  config?: string;
  bind?: string;
  port?: string;
}

const COMMANDS: readonly Command[] = ['serve', 'helper', 'config'];
// Options each command takes; the helper takes only --config, so sudo's exact-argument rule is the whole story.
const OPTIONS: Record<Command, readonly string[]> = {
  serve: ['config', 'bind', 'port'],
  helper: ['config'],
  config: ['config', 'bind', 'port'],
};

export const USAGE = `Usage:
  puppet-twitch serve [--config FILE] [--bind ADDR] [--port N]
  puppet-twitch config [--config FILE] [--bind ADDR] [--port N]   (print the effective config as JSON)
  puppet-twitch helper [--config FILE]     (the root entry point, run through sudo by the service)
  puppet-twitch --help | --version

The original's form is accepted too: puppet-twitch [serve] bind=127.0.0.1 port=8090 [config=FILE]

Options:
  --config FILE  JSON config (default /etc/puppet-twitch/config.json when it exists)
  --bind ADDR    address to listen on (default 0.0.0.0)
  --port N       port to listen on (default 2023; 0 picks a free port)
`;

export function parseArgs(argv: readonly string[]): Invocation {
  if (argv[0] === 'help' || argv.some((a) => a === '--help' || a === '-h')) return { command: 'help' };
  if (argv[0] === 'version' || argv.some((a) => a === '--version' || a === '-V')) return { command: 'version' };

  let rest = [...argv];
  let command: Command = 'serve';
  if (rest.length > 0 && !rest[0].startsWith('-') && !rest[0].includes('=')) {
    const word = rest.shift() as string;
    if (!(COMMANDS as readonly string[]).includes(word)) {
      throw twitchError('USAGE', `Unknown command '${word}'. Commands: ${COMMANDS.join(', ')}. See --help.`);
    }
    command = word as Command;
  }

  const invocation: Invocation = { command };
  const set = (key: string, value: string | undefined, given: string) => {
    if (!OPTIONS[command].includes(key)) {
      throw twitchError('USAGE', `Unknown option '${given}' for '${command}'. It takes: ${OPTIONS[command].map((o) => `--${o}`).join(', ')}.`);
    }
    if (value === undefined || value === '') throw twitchError('USAGE', `Option '${given}' needs a value.`);
    if ((invocation as unknown as Record<string, string>)[key] !== undefined) {
      throw twitchError('USAGE', `Option '--${key}' is given more than once.`);
    }
    (invocation as unknown as Record<string, string>)[key] = value;
  };

  while (rest.length > 0) {
    const arg = rest.shift() as string;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) set(arg.slice(2, eq), arg.slice(eq + 1), arg.slice(0, eq));
      else set(arg.slice(2), rest.shift(), arg);
    } else if (/^[a-z_]+=/.test(arg)) {
      const eq = arg.indexOf('=');
      set(arg.slice(0, eq), arg.slice(eq + 1), arg.slice(0, eq));
    } else {
      throw twitchError('USAGE', `Unexpected argument '${arg}'. See --help.`);
    }
  }
  return invocation;
}
