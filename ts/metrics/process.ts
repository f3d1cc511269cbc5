// Process metrics under the names Prometheus client libraries give them: what Node knows, and what the
// platform can tell (platform/), each left out where it cannot.
import type { ProcessStats } from '../platform';
import type { Family } from './text';

export function processFamilies(startTime: number, stats: ProcessStats): Family[] {
  const cpu = process.cpuUsage();
  const families: Family[] = [
    { name: 'process_cpu_seconds_total', help: 'Total user and system CPU time spent in seconds.', type: 'counter', samples: [{ value: (cpu.user + cpu.system) / 1e6 }] },
    { name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', type: 'gauge', samples: [{ value: process.memoryUsage.rss() }] },
    { name: 'process_start_time_seconds', help: 'Start time of the process since unix epoch in seconds.', type: 'gauge', samples: [{ value: startTime }] },
  ];
  const optional: Array<[string, string, number | undefined]> = [
    ['process_virtual_memory_bytes', 'Virtual memory size in bytes.', stats.virtualMemoryBytes],
    ['process_open_fds', 'Number of open file descriptors.', stats.openFds],
    ['process_max_fds', 'Maximum number of open file descriptors.', stats.maxFds],
  ];
  for (const [name, help, value] of optional) if (value !== undefined) families.push({ name, help, type: 'gauge', samples: [{ value }] });
  return families;
}
