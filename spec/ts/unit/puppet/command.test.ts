import { strict as assert } from 'node:assert';
import type { PuppetConfig } from '../../../../ts/config';
import { puppetCommand } from '../../../../ts/puppet/command';

const base: PuppetConfig = {
  bin: '/usr/bin/puppet',
  mode: 'agent',
  sudo: true,
  setsid: '/usr/bin/setsid',
  statedir: '/s',
  lastrunfile: '/p/last_run_summary.yaml',
  lastrunreport: '/p/last_run_report.yaml',
  conf: '/etc/puppet/puppet.conf',
  environments: [],
  max_splay: 0,
  run_timeout: 0,
  args: [],
};

describe('puppet/command', () => {
  it('runs the agent in the foreground, once, with honest exit codes', () => {
    assert.deepEqual(puppetCommand(base, 'syslog'), {
      file: '/usr/bin/puppet',
      args: ['agent', '--onetime', '--no-daemonize', '--detailed-exitcodes', '--no-usecacheonfailure', '--logdest=console', '--logdest=syslog'],
    });
  });
  it('prints the agent\'s log on the console, and keeps destinations puppet.args names instead of syslog', () => {
    assert.deepEqual(puppetCommand({ ...base, args: ['--logdest=/var/log/puppet/agent.log'] }, 'syslog').args.slice(5), [
      '--logdest=console',
      '--logdest=/var/log/puppet/agent.log',
    ]);
  });
  it('logs to the platform\'s system log besides the console: eventlog on Windows', () => {
    assert.deepEqual(puppetCommand(base, 'eventlog').args.slice(5), ['--logdest=console', '--logdest=eventlog']);
    assert.deepEqual(puppetCommand({ ...base, args: ['--logdest=C:\\puppet.log'] }, 'eventlog').args.slice(5), ['--logdest=console', '--logdest=C:\\puppet.log']);
  });
  it('applies the manifest last, after the fixed extra arguments', () => {
    assert.deepEqual(puppetCommand({ ...base, mode: 'apply', manifest: '/m/site.pp', args: ['--noop'] }, 'syslog'), {
      file: '/usr/bin/puppet',
      args: ['apply', '--detailed-exitcodes', '--noop', '/m/site.pp'],
    });
  });
});
