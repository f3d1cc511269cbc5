// What the operating system decides, behind one interface: main.ts picks an implementation once (index.ts) and
// passes it down. posix.ts for Linux and the like, windows.ts for Windows.
/** Puppet's own paths for one packaging (README, "Config file"). */
export interface PuppetPaths {
  statedir: string;
  lastrunfile: string;
  conf: string;
}

/** The default paths, as data: the config's defaults come from here. */
export interface PlatformPaths {
  configFile: string;
  stateDir: string;
  /** where `start` keeps its PID, state and log files when neither dir= nor run_dir says */
  runDir: string | undefined;
  /** what makes the root helper a session of its own (README, "The sudo boundary"); '' where there is none */
  setsid: string;
  /**
   * Where the privileged helper service listens when the boundary is a named pipe (Windows); undefined where
   * the boundary is sudo (README, "The service and its privilege boundary on Windows").
   */
  helperPipe: string | undefined;
  /** where root's processes run from, so that nothing of a caller's working directory reaches them */
  workDir: string;
  /** the puppet of Puppet's own all-in-one packages, looked for before PATH */
  aioPuppet: string;
  /** where the AIO packages install everything: a puppet below it uses their paths (PuppetPaths.aio) */
  aioPrefix: string;
  /** Puppet's paths by packaging: the all-in-one packages keep everything under one prefix */
  puppet: { aio: PuppetPaths; distro: PuppetPaths };
}

/** Figures the metrics report when the OS can tell them (undefined where it cannot). */
export interface ProcessStats {
  virtualMemoryBytes: number | undefined;
  openFds: number | undefined;
  maxFds: number | undefined;
}

/** How the service starts its root helper: `sudo` (through the privilege boundary) or directly. */
export interface HelperInvocation {
  sudo: boolean;
  setsid: string;
  node: string;
  bundle: string;
  config: string | undefined;
}

export interface Platform {
  readonly name: string;
  readonly paths: PlatformPaths;

  isRoot(): boolean;
  /** the root helper, run by sudo: sets its own resource limits to fixed values, whatever the caller's were */
  setRootLimits(): void;
  /** the node's host name as the OS knows it (a request's Host may name it) */
  hostname(): string;
  /** root because sudo made it so: then every input must come from root-owned files */
  runBySudo(): boolean;
  /** this process's user id, where there is one (for messages) */
  userId(): number | undefined;
  /** the puppet to run when the config names none */
  findPuppet(): string | undefined;
  /** where a Puppet agent logs besides the console when puppet.args names no --logdest: syslog, eventlog */
  readonly puppetLogdest: string;

  /** a live process (one we may not signal counts too); a zombie does not */
  isAlive(pid: number): boolean;
  /** the command line of `pid`, one argument per element; undefined when it cannot be read */
  commandLine(pid: number): string[] | undefined;
  /** when this process started, in Unix seconds */
  startTime(): number;
  processStats(): ProcessStats;
  /** the soft limit on open files, so the connection cap can stay under it */
  openFileLimit(): number | undefined;

  /** the exact command the sudoers rule allows, or the helper run directly */
  helperCommand(how: HelperInvocation): { file: string; args: string[] };
  /** spawn options that put a child in a group of its own: killTree stops it and all it started */
  readonly ownGroup: { detached: boolean };
  /** asks a process tree started with `ownGroup` to end, then ends it for good after `graceMs` */
  killTree(pid: number, graceMs: number): void;
  /** asks one process to end (what `stop` sends) */
  terminate(pid: number): void;
  /** ends one process at once */
  forceKill(pid: number): void;

  readonly signals: {
    /** re-read the log file and TLS files */
    reload: readonly NodeJS.Signals[];
    /** stop the service cleanly */
    stop: readonly NodeJS.Signals[];
    /** what the root helper ignores, so that only root's forced kill stops a run */
    helperIgnores: readonly NodeJS.Signals[];
    /** what terminate sends, for messages */
    terminateName: string;
  };
  /** the command an operator types to end `pid` at once */
  forceKillHint(pid: number): string;

  /** open(2) flags for a file whose content decides what root does: never blocks, refuses a link unless told */
  trustedOpenFlags(followSymlinks: boolean): number;
  /**
   * Opens a file whose content decides what root does, read-only: never waits, and refuses a symbolic link
   * unless told (an error with code ELOOP). Returns the descriptor.
   */
  openTrusted(file: string, followSymlinks: boolean): number;
}
