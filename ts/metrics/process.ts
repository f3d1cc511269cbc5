// Process metrics under the names Prometheus client libraries give them. Linux /proc; elsewhere what Node knows.
import { readdirSync, readFileSync } from 'node:fs';
import { openFileLimit } from '../http/server';
import type { Family } from './text';

/** When this process started, in Unix seconds. */
export const processStartTime = (): number => Math.round(Date.now() / 1000 - process.uptime());

function virtualMemory(): number | undefined {
  try {
    const kb = /^VmSize:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

function openFds(): number | undefined {
  try {
    return readdirSync('/proc/self/fd').length - 1; // less the one reading the directory
  } catch {
    return undefined;
  }
}

export function processFamilies(startTime: number): Family[] {
  const cpu = process.cpuUsage();
  const families: Family[] = [
    { name: 'process_cpu_seconds_total', help: 'Total user and system CPU time spent in seconds.', type: 'counter', samples: [{ value: (cpu.user + cpu.system) / 1e6 }] },
    { name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', type: 'gauge', samples: [{ value: process.memoryUsage.rss() }] },
    { name: 'process_start_time_seconds', help: 'Start time of the process since unix epoch in seconds.', type: 'gauge', samples: [{ value: startTime }] },
  ];
  const optional: Array<[string, string, number | undefined]> = [
    ['process_virtual_memory_bytes', 'Virtual memory size in bytes.', virtualMemory()],
    ['process_open_fds', 'Number of open file descriptors.', openFds()],
    ['process_max_fds', 'Maximum number of open file descriptors.', openFileLimit()],
  ];
  for (const [name, help, value] of optional) if (value !== undefined) families.push({ name, help, type: 'gauge', samples: [{ value }] });
  return families;
}
