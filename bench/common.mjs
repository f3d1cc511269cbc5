// What the benchmarks share: the error that means "cannot run" (exit non-zero, no figures), the loop that
// reads `--name value` / `--name=value` options, and the plain-text table of the report.
export class CannotRun extends Error {}

export function fail(msg) {
  throw new CannotRun(msg);
}

/** A number in [min, max] from an option's text, or a CannotRun naming the option. */
export function number(name, raw, min, max) {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) fail(`${name}: expected a number in [${min}, ${max}], got '${raw}'`);
  return n;
}

/**
 * Calls onOption(name, value, num) for each option of argv: value() reads its value, num(min, max) reads it
 * as a number. onOption returns false for an option it does not know. --help prints `help` and exits.
 */
export function readOptions(argv, help, onOption) {
  for (let i = 0; i < argv.length; i++) {
    let name = argv[i];
    let inline;
    const eq = name.indexOf('=');
    if (name.startsWith('--') && eq > 0) {
      inline = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (name === '--help' || name === '-h') {
      process.stdout.write(help);
      process.exit(0);
    }
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) fail(`${name} needs a value`);
      return argv[++i];
    };
    const num = (min, max) => number(name, value(), min, max);
    if (onOption(name, value, num) === false) fail(`unknown option '${name}' (see --help)`);
  }
}

/** A table of padded columns under a rule of dashes. */
export function table(headers, rows) {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(w[i])).join('  ').trimEnd();
  return [line(headers), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}
