import { strict as assert } from 'node:assert';
import { defaultTasks, limitsAmiss, parseProcLimits, prlimitArgs, rootLimits } from '../../../../ts/platform/posix-limits';

// /proc/<pid>/limits of a process whose caller ran `ulimit -f 2 -t 1 -n 64 -u 64 -v 1500000`
const attacked = `Limit                     Soft Limit           Hard Limit           Units     
Max cpu time              1                    1                    seconds   
Max file size             2048                 2048                 bytes     
Max data size             unlimited            unlimited            bytes     
Max stack size            8388608              unlimited            bytes     
Max core file size        0                    0                    bytes     
Max resident set          unlimited            unlimited            bytes     
Max processes             64                   64                   processes 
Max open files            64                   64                   files     
Max locked memory         65536                65536                bytes     
Max address space         1536000000           1536000000           bytes     
Max file locks            unlimited            unlimited            locks     
Max pending signals       96367                96367                signals   
Max msgqueue size         819200               819200               bytes     
Max nice priority         0                    0                    
Max realtime priority     0                    0                    
Max realtime timeout      unlimited            unlimited            us        
`;

/** The same text with root's values in it. */
function withRootValues(tasks: number): string {
  const rows = new Map(rootLimits(tasks).map((l) => [l.row, l]));
  return attacked
    .split('\n')
    .map((line) => {
      const m = /^(Max [a-z ]+?)\s{2,}\S+\s+\S+(.*)$/.exec(line);
      const l = m && rows.get(m[1]);
      return l ? `${m[1].padEnd(26)}${String(l.soft).padEnd(21)}${String(l.hard).padEnd(21)}${m[2].trim()}` : line;
    })
    .join('\n');
}

describe('platform/posix-limits: root\'s resource limits, never the caller\'s', () => {
  it('covers every limit Linux has, and bounds no time, size or memory', () => {
    const limits = rootLimits(96367);
    assert.deepEqual(limits.map((l) => l.row).sort(), [...parseProcLimits(attacked).keys()].sort());
    for (const option of ['as', 'cpu', 'data', 'fsize', 'locks', 'rss', 'rttime']) {
      assert.deepEqual(limits.filter((l) => l.option === option).map((l) => [l.soft, l.hard]), [['unlimited', 'unlimited']], option);
    }
    const byOption = Object.fromEntries(limits.map((l) => [l.option, `${l.soft}:${l.hard}`]));
    assert.equal(byOption.core, '0:0');
    assert.equal(byOption.nofile, '1024:4096');
    assert.equal(byOption.nproc, '96367:96367');
    assert.equal(byOption.sigpending, '96367:96367');
    assert.equal(byOption.stack, '8388608:unlimited');
  });

  it('processes and pending signals: the kernel\'s default, half of kernel.threads-max', () => {
    assert.equal(defaultTasks('192735\n'), 96367);
    assert.throws(() => defaultTasks('lots'), /not a count/);
  });

  it('gives prlimit one option per limit, soft:hard, on the given PID', () => {
    const args = prlimitArgs(4242, rootLimits(100));
    assert.deepEqual(args.slice(0, 2), ['--pid', '4242']);
    assert.ok(args.includes('--fsize=unlimited:unlimited'));
    assert.ok(args.includes('--nproc=100:100'));
    assert.equal(args.length, 2 + 16);
  });

  it('reads /proc/<pid>/limits and names each limit that is not root\'s', () => {
    assert.deepEqual(parseProcLimits(attacked).get('Max file size'), { soft: '2048', hard: '2048' });
    assert.deepEqual(parseProcLimits(attacked).get('Max nice priority'), { soft: '0', hard: '0' });
    const limits = rootLimits(96367);
    assert.deepEqual(limitsAmiss(limits, attacked), [
      'as is 1536000000:1536000000, not unlimited:unlimited',
      'cpu is 1:1, not unlimited:unlimited',
      'fsize is 2048:2048, not unlimited:unlimited',
      'nofile is 64:64, not 1024:4096',
      'nproc is 64:64, not 96367:96367',
    ]);
    assert.deepEqual(limitsAmiss(limits, withRootValues(96367)), []);
    assert.deepEqual(limitsAmiss(limits, ''), limits.map((l) => `${l.option} is not shown, not ${l.soft}:${l.hard}`));
  });
});
