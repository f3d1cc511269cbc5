import { strict as assert } from 'node:assert';
import { encodeRequest, MAX_REQUEST_BYTES, parseRequest } from '../../../../ts/puppet/protocol';

const puppet = { environments: ['production'] };
const ID = '20261125T064812345Z-a1b2c3';

describe('puppet/protocol: the request line the root helper checks again', () => {
  it('round-trips a run and a status request', () => {
    const run = { action: 'run' as const, id: ID, options: { noop: true, tags: ['web'] } };
    assert.deepEqual(parseRequest(encodeRequest(run).trim(), puppet), run);
    assert.deepEqual(parseRequest('{"action":"status"}', puppet), { action: 'status' });
  });
  it('refuses anything the config does not allow, or that is not exactly a request', () => {
    const hostile: Array<[string, RegExp]> = [
      [`{"action":"run","id":"${ID}","options":{"environment":"evil"}}`, /Environment 'evil' is not allowed/],
      [`{"action":"run","id":"${ID}","options":{"tags":["a","--server=x"]}}`, /not a Puppet tag/],
      [`{"action":"run","id":"${ID}","options":{},"args":["--server"]}`, /exactly the keys/],
      [`{"action":"run","id":"${ID}","options":{"server":"x"}}`, /Unknown run option 'server'/],
      [`{"action":"run","id":"../../etc","options":{}}`, /run id is malformed/],
      ['{"action":"exec","cmd":"id"}', /must be "run" or "status"/],
      ['{"action":"status","x":1}', /no other keys/],
      ['not json', /not JSON/],
      ['["run"]', /not a JSON object/],
      [`{"action":"run","id":"${ID}","options":{"tags":["a\u0000b"]}}`, /not JSON/], // a raw NUL byte
      [`{"action":"run","id":"${ID}","options":{"tags":["a\\u0000b"]}}`, /not a Puppet tag/], // an escaped one
      [`{"action":"run","id":"${ID}","options":{"tags":["${'a'.repeat(MAX_REQUEST_BYTES)}"]}}`, /over 65536 bytes/],
    ];
    for (const [line, message] of hostile) assert.throws(() => parseRequest(line, puppet), message, line.slice(0, 80));
  });
});
