import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditLog, type Audit, type AuditEntry } from '../../../ts/audit';
import type { Logger } from '../../../ts/log';
import { faultyIo } from '../support/faulty-io';
import { removeBehindItsBack } from './fs-by-platform';

function logger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`INFO ${m}`), error: (m) => lines.push(`ERROR ${m}`), flush: () => undefined };
}

const entry = (i: number): AuditEntry => ({
  time: '2026-01-01T00:00:00.000Z',
  client: '127.0.0.1',
  identity: null,
  method: 'GET',
  path: `/puppet/status/${i}`,
  options: null,
  status: 200,
  run_id: null,
});
/** the size of an entry's line, with its newline */
const LINE = JSON.stringify(entry(10)).length + 1;

/** Every line of `file` parsed, as jq would: a line that is not JSON fails the test. */
function parsed(file: string): Array<Record<string, unknown>> {
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text === '' || text.endsWith('\n'), 'the file ends with a whole line');
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line));
}
const numbers = (lines: Array<Record<string, unknown>>) => lines.filter((l) => l.path !== undefined).map((l) => Number(String(l.path).split('/').pop()));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('audit log: whole lines, kept or counted when they cannot be written', () => {
  let dir = '';
  let file = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(join(tmpdir(), 'twitch-audit-'));
    file = join(dir, 'audit.log');
  });
  /** every log a test opened, closed before its directory goes: Windows removes no directory with a file open */
  const opened: Audit[] = [];
  afterEach(() => {
    for (const audit of opened.splice(0)) audit.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const open = (...args: Parameters<typeof openAuditLog>): Audit => {
    const audit = openAuditLog(...args);
    opened.push(audit);
    return audit;
  };

  it('writes one JSON line per entry', () => {
    const audit = open(file, 1024 * 1024, logger());
    for (let i = 0; i < 3; i++) audit(entry(i));
    audit.flush();
    assert.deepEqual(parsed(file), [0, 1, 2].map(entry));
  });

  it('completes short writes', () => {
    const io = faultyIo();
    io.chunk = 5;
    const audit = open(file, 1024 * 1024, logger(), { io });
    for (let i = 0; i < 10; i++) audit(entry(i));
    audit.flush();
    assert.deepEqual(numbers(parsed(file)), range(0, 10));
  });

  it('keeps the lines of a batch the disk refused part way, and writes them first once it takes them', () => {
    const io = faultyIo();
    const log = logger();
    const audit = open(file, 1024 * 1024, log, { io });
    audit(entry(0));
    audit.flush();
    io.room = LINE + 10; // the next batch is refused after a line and a bit
    for (let i = 1; i < 4; i++) audit(entry(i));
    audit.flush();
    assert.deepEqual(numbers(parsed(file)), [0], 'the refused batch is not there, not even its first line, nor a piece');
    audit(entry(4));
    audit.flush();
    assert.deepEqual(numbers(parsed(file)), [0]);
    io.room = Infinity;
    audit(entry(5));
    audit.flush();
    assert.deepEqual(numbers(parsed(file)), range(0, 6), 'in their order');
    assert.equal(audit.lost(), 0);
    assert.ok(!parsed(file).some((l) => l.event !== undefined), 'no line lost, no lost-lines entry');
    assert.equal(log.lines.length, 2, log.lines.join('\n'));
    assert.match(log.lines[0], /^ERROR cannot write the audit log .*audit\.log: ENOSPC.*; requests are still served/);
    assert.match(log.lines[1], /^INFO the audit log .* is written again \(no line lost\)$/);
  });

  it('counts the lines beyond the backlog as lost, and says so in the file, between the kept lines and the next ones', () => {
    const io = faultyIo();
    const log = logger();
    let clock = Date.parse('2026-01-01T10:00:00.000Z');
    const audit = open(file, 1024 * 1024, log, { io, backlogBytes: 3 * LINE + 5, now: () => clock });
    audit(entry(0));
    audit.flush();
    io.room = 0;
    // one batch of two lines kept, then one line kept of the next (the second does not fit), then none
    audit(entry(1));
    audit(entry(2));
    audit.flush();
    audit(entry(3));
    audit(entry(4));
    audit.flush();
    clock += 1000;
    audit(entry(5));
    audit.flush();
    clock += 1000;
    audit(entry(6));
    audit.flush();
    assert.equal(audit.lost(), 3);
    io.room = Infinity;
    clock += 1000;
    audit(entry(7));
    audit.flush();
    const lines = parsed(file);
    assert.deepEqual(numbers(lines), [0, 1, 2, 3, 7]);
    assert.deepEqual(lines[4], {
      time: '2026-01-01T10:00:03.000Z',
      event: 'audit_lines_lost',
      lost: 3,
      from: '2026-01-01T10:00:00.000Z',
      to: '2026-01-01T10:00:02.000Z',
    });
    assert.equal(audit.lost(), 3, 'the count stays, for the metric');
    assert.match(log.lines[1], /^INFO the audit log .* is written again \(3 lines lost, from 2026-01-01T10:00:00.000Z to 2026-01-01T10:00:02.000Z\)$/);
  });

  it('tries the kept lines again by itself, without a new entry', async () => {
    const io = faultyIo();
    const audit = open(file, 1024 * 1024, logger(), { io, retryMs: 20 });
    io.room = 0;
    audit(entry(0));
    audit.flush();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(parsed(file), []);
    io.room = Infinity;
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(numbers(parsed(file)), [0]);
  });

  it('writes the lost-lines entry later when the disk refuses it too, counting the lines lost meanwhile', () => {
    const io = faultyIo();
    const audit = open(file, 1024 * 1024, logger(), { io, backlogBytes: 0 });
    io.room = 0;
    audit(entry(0));
    audit.flush();
    io.room = 20; // too little for the lost-lines entry
    audit(entry(1));
    audit.flush();
    assert.deepEqual(parsed(file), []);
    io.room = Infinity;
    audit(entry(2));
    audit.flush();
    const lines = parsed(file);
    assert.deepEqual(
      lines.map((l) => l.event ?? l.path),
      ['audit_lines_lost', '/puppet/status/2'],
    );
    assert.equal(lines[0].lost, 2);
  });

  it('counts and logs at the stop what still could not be written', () => {
    const io = faultyIo();
    const log = logger();
    const audit = open(file, 1024 * 1024, log, { io, backlogBytes: LINE });
    io.room = 0;
    for (let i = 0; i < 3; i++) audit(entry(i));
    audit.close();
    assert.equal(audit.lost(), 3);
    assert.match(log.lines[log.lines.length - 1], /^ERROR the audit log .* could not be written before the stop: 3 lines lost$/);
    assert.deepEqual(parsed(file), []);
  });

  it('writes to the file at the path after it was deleted, and makes the directory again', () => {
    const sub = join(dir, 'state');
    fs.mkdirSync(sub);
    file = join(sub, 'audit.log');
    const log = logger();
    const audit = open(file, 1024 * 1024, log);
    audit(entry(0));
    audit.flush();
    removeBehindItsBack(file);
    audit(entry(1));
    audit.flush();
    assert.deepEqual(numbers(parsed(file)), [1]);
    assert.deepEqual(log.lines, [`ERROR the audit log ${file} was deleted or replaced: writing a new one there`]);
    removeBehindItsBack(sub);
    audit(entry(2));
    audit.flush();
    assert.deepEqual(numbers(parsed(file)), [2]);
    assert.equal(log.lines[1], `ERROR the audit log ${file} was deleted or replaced: writing a new one there, its directory made again (mode 0750)`);
    assert.equal(audit.lost(), 0);
  });

  it('rotates at audit_max_bytes between lines, keeping one older file', () => {
    const audit = open(file, 4096, logger());
    const count = Math.ceil((2 * 4096) / LINE) + 5;
    for (let i = 0; i < count; i++) audit(entry(i));
    audit.flush();
    const older = numbers(parsed(`${file}.1`));
    const newer = numbers(parsed(file));
    assert.ok(fs.statSync(`${file}.1`).size <= 4096);
    assert.deepEqual([...older, ...newer], range(count - older.length - newer.length, count));
  });
});
