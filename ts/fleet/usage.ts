// `puppet-twitch fleet --help`: every option, its default taken from FLEET_DEFAULTS.
import { FLEET_DEFAULTS } from './args';

const D = FLEET_DEFAULTS;
export const FLEET_USAGE = `Usage: puppet-twitch fleet (--query PQL | --nodes a,b,c | --nodes-file FILE
                           | --retry-from FILE) [options]

Triggers a Puppet run through puppet-twitch on every node selected, at most
--concurrency runs at once, waits for each run to finish and reports each
node's outcome: ok, changes, drift (a noop run found changes pending), failed,
disabled, busy, unreachable, refused (401/403), skipped (not started) or
unknown (not waited for after a second Ctrl-C).
Exit status: 0 all ok, changes or drift; 1 any other outcome; 2 usage or
PuppetDB errors (nothing was started); 3 the rollout stopped itself (the canary
failed or --max-failures was reached); 130 interrupted (Ctrl-C).

Selecting nodes:
  --query PQL            a PuppetDB query (PQL, or AST as a JSON array) whose
                         rows have a certname, e.g.
                         'nodes[certname] { facts.role = "web" }'
  --nodes a,b,c          certnames
  --nodes-file FILE      one certname a line (# comments, blank lines ignored)
  --retry-from FILE      the nodes of an earlier --format json document or
                         jsonl stream that did not end ok, changes or drift,
                         each at the address recorded there; of a jsonl
                         stream cut short, also the nodes it has no result
                         of (unrecorded)
  --retry-outcomes a,b   with --retry-from: only the nodes that ended so
                         (e.g. failed,unreachable, or unrecorded)
  --puppetdb URL         PuppetDB (default ${D.puppetdb})
  --address-fact FACT    address each node by this fact (e.g. networking.ip)
                         instead of its certname, looked up in PuppetDB

Running:
  --concurrency N        Puppet runs at once (default ${D.concurrency}); a slot is held
                         until the node's run has finished
  --noop  --tags a,b  --skip-tags a,b  --environment NAME
                         run options, the same for every node
  --wait[=SECONDS]       how long one node's run is waited for (default ${D.waitSeconds});
                         runs are always waited for
  --busy-timeout S       retry a node that answers 409 (busy) when its
                         Retry-After says, for up to S seconds (default ${D.busyTimeout}:
                         report it busy at once)

Rolling out:
  --order name|random    the order nodes start in (default ${D.order}: by certname)
  --seed TEXT            with --order random: the same seed and nodes give the
                         same order (default: a new seed, reported)
  --canary N             run the first N nodes first; go on only if all of
                         them end ok, changes or drift, else stop (exit 3)
  --batch-size N|N%      then the rest in batches of N nodes (or N% of them);
                         a batch starts when the one before has ended
                         (default: all the rest at once, within --concurrency)
  --batch-sleep S        seconds between batches (default ${D.batchSleep}; with --canary or
                         --batch-size)
  --max-failures N|N%    start no new run once N nodes (or N% of them) have
                         failed; the rest are skipped (exit 3)
  Ctrl-C starts nothing new and waits for the runs going on; a second Ctrl-C
  stops waiting (exit 130).

Reaching the nodes:
  --port N               the service's port (default ${D.port})
  --scheme http|https    (default ${D.scheme}); https checks each node's certificate
                         against its certname
  --token-file FILE      a bearer token for the nodes (never printed); with
                         --scheme http it is sent only to loopback nodes
                         (127.0.0.0/8, ::1, localhost): others are refused
                         (exit status 2)
  --insecure-http        send the token over plain http to any node all the
                         same (anyone on the way can read it)
  --cacert FILE --cert FILE --key FILE
                         TLS for PuppetDB and the nodes (default: this host's
                         Puppet agent's CA, certificate and key, when https is
                         used)
  --connect-timeout S    (default ${D.connectTimeout})
  --timeout S            per answer (default ${D.timeout}; a wait adds its own time)

Output:
  --format F             table (default), json (one document), jsonl (a line
                         naming every node, one per node as it ends, then
                         one for the rollout), junit
                         (JUnit XML) or github (the table, annotations, and a
                         summary appended to $GITHUB_STEP_SUMMARY)
  --json                 the same as --format json
  --output FILE          write the format to FILE (jsonl: line by line) and
                         the table to stdout
`;
