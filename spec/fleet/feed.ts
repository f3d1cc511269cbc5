// Feeds the synthetic fleet into a running PuppetDB:
//   node .build/spec/fleet/feed.js URL [COUNT]     (COUNT default 1000)
// For an https:// URL, the CA, client certificate and key are read from the files named by PUPPETDB_CACERT,
// PUPPETDB_CERT and PUPPETDB_KEY (as in the env file spec/fleet/puppetdb.sh writes).
// Prints one JSON line: {"nodes": COUNT, "seconds": time until all are queryable}.
import { readFileSync } from 'node:fs';
import { feedPuppetDb, fleetNodes, type Tls } from './nodes';

async function main(): Promise<void> {
  const [url, countText = '1000'] = process.argv.slice(2);
  const count = Number(countText);
  if (!url || !/^https?:\/\//.test(url) || !Number.isInteger(count) || count < 1 || count > 9999) {
    console.error('usage: node feed.js http(s)://PUPPETDB [COUNT]   (COUNT 1..9999, default 1000)');
    process.exit(2);
  }
  let tls: Tls | undefined;
  if (url.startsWith('https:')) {
    const file = (name: string) => {
      const path = process.env[name];
      if (!path) throw new Error(`${name} must name a file for an https:// URL`);
      return readFileSync(path);
    };
    tls = { ca: file('PUPPETDB_CACERT'), cert: file('PUPPETDB_CERT'), key: file('PUPPETDB_KEY') };
  }
  const seconds = await feedPuppetDb(url, fleetNodes(count), { tls });
  console.log(JSON.stringify({ nodes: count, seconds }));
}

main().catch((err: unknown) => {
  console.error(`feed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
