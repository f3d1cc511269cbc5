// argv → what to do. Pure: no I/O, so every accepted and refused form is unit tested.
import { twitchError } from './errors';

export type DaemonCommand = 'start' | 'stop' | 'restart' | 'status';
export type Command = 'serve' | 'helper' | 'helper-service' | 'config' | 'token' | 'fleet' | DaemonCommand;
export type TokenAction = 'new' | 'hash';

export interface Invocation {
  command: Command | 'help' | 'version';
  config?: string;
  bind?: string;
  port?: string;
  /** run directory of the daemon commands (PID, state and log files) */
  dir?: string;
  /** token new|hash */
  action?: TokenAction;
  /** token new: the token's id, and its scopes (comma-separated) */
  id?: string;
  scopes?: string;
  /** fleet: its own arguments, parsed by fleet/args.ts */
  fleetArgs?: string[];
}

export const DAEMON_COMMANDS: readonly DaemonCommand[] = ['start', 'stop', 'restart', 'status'];
const COMMANDS: readonly Command[] = ['serve', 'helper', 'helper-service', 'config', 'token', 'fleet', ...DAEMON_COMMANDS];
const TOKEN_ACTIONS: readonly TokenAction[] = ['new', 'hash'];
// Options each command takes; the helper takes only --config, so sudo's exact-argument rule is the whole story.
const OPTIONS: Record<Command, readonly string[]> = {
  serve: ['config', 'bind', 'port'],
  helper: ['config'],
  'helper-service': ['config'],
  config: ['config', 'bind', 'port'],
  token: ['id', 'scopes'],
  fleet: [],
  start: ['dir', 'config', 'bind', 'port'],
  restart: ['dir', 'config', 'bind', 'port'],
  stop: ['dir', 'config'],
  status: ['dir', 'config'],
};
// What may follow `--` (the original's split between the daemon's own options and the service's).
const AFTER_SEPARATOR: Partial<Record<Command, readonly string[]>> = {
  start: ['bind', 'port'],
  restart: ['bind', 'port'],
};

export function isDaemonCommand(command: Invocation['command']): command is DaemonCommand {
  return (DAEMON_COMMANDS as readonly string[]).includes(command);
}

export const USAGE = `A small HTTP service on every Puppet-managed node that triggers a Puppet run when asked, through one sudo rule.

Usage:
  puppet-twitch serve [--config FILE] [--bind ADDR] [--port N]
  puppet-twitch start|restart [dir=DIR] [--config FILE] [-- [bind=ADDR] [port=N]]
  puppet-twitch stop|status [dir=DIR] [--config FILE]
  puppet-twitch config [--config FILE] [--bind ADDR] [--port N]   (print the effective config as JSON)
  puppet-twitch token new --id NAME [--scopes trigger,read]   (a new bearer token and its config entry)
  puppet-twitch token hash                 (the SHA-256 of a token read on stdin, for auth.tokens)
  puppet-twitch fleet (--query PQL | --nodes a,b,c | --nodes-file FILE) [options]
                                           (run Puppet on many nodes, see 'puppet-twitch fleet --help')
  puppet-twitch helper [--config FILE]     (the root entry point, run through sudo by the service)
  puppet-twitch helper-service [--config FILE]
                                           (Windows: the privileged side, run as SYSTEM; it serves
                                           the service's requests on the named pipe
                                           \\.\pipe\puppet-twitch-helper)
  puppet-twitch --help | --version

The original's form is accepted too: puppet-twitch [serve] bind=127.0.0.1 port=8090 [config=FILE]

Commands:
  serve    run the service in the foreground, logging to stdout (the default); SIGHUP re-reads the
           TLS files (config key tls)
  start    run the service in the background; PID in DIR/puppet-twitch.pid, log in DIR/puppet-twitch.log
           (SIGHUP makes it reopen the log, for logrotate, and re-read the TLS files)
  stop     stop the background service (SIGTERM; a puppet run in progress goes on)
  restart  stop, then start with the same options (the last start's when none are given)
  status   running or not, with PID, address and the current run; exit 0 running, 1 dead but
           PID file left, 3 not running

Options:
  --config FILE  JSON config (default /etc/puppet-twitch/config.json when it exists)
  --bind ADDR    address to listen on (default 0.0.0.0)
  --port N       port to listen on (default 2023; 0 picks a free port)
  --dir DIR      run directory of start/stop/restart/status (default: the last start's, else the
                 config's run_dir); it must exist and be writable
`;

export function parseArgs(argv: readonly string[]): Invocation {
  // The fleet client has options of its own, its --help among them.
  if (argv[0] === 'fleet') return { command: 'fleet', fleetArgs: argv.slice(1) };
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
  if (command === 'token') {
    const action = rest.shift();
    if (!(TOKEN_ACTIONS as readonly (string | undefined)[]).includes(action)) {
      throw twitchError('USAGE', `'token' needs an action: token new --id NAME [--scopes trigger,read], or token hash. See --help.`);
    }
    invocation.action = action as TokenAction;
  }
  let allowed = OPTIONS[command];
  const set = (key: string, value: string | undefined, given: string) => {
    if (!allowed.includes(key)) {
      throw twitchError('USAGE', `Unknown option '${given}' for '${command}'. It takes: ${allowed.map((o) => `--${o}`).join(', ')}.`);
    }
    if (value === undefined || value === '') throw twitchError('USAGE', `Option '${given}' needs a value.`);
    if ((invocation as unknown as Record<string, string>)[key] !== undefined) {
      throw twitchError('USAGE', `Option '--${key}' is given more than once.`);
    }
    (invocation as unknown as Record<string, string>)[key] = value;
  };

  let separated = false;
  while (rest.length > 0) {
    const arg = rest.shift() as string;
    if (arg === '--' && !separated && AFTER_SEPARATOR[command] !== undefined) {
      separated = true;
      allowed = AFTER_SEPARATOR[command] as readonly string[];
    } else if (arg.startsWith('--') && arg !== '--') {
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
  if (invocation.action === 'new' && invocation.id === undefined) throw twitchError('USAGE', `'token new' needs --id NAME.`);
  if (invocation.action === 'hash' && (invocation.id ?? invocation.scopes) !== undefined) {
    throw twitchError('USAGE', `'token hash' takes no options: it reads the token on stdin.`);
  }
  return invocation;
}
