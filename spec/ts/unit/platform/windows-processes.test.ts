import { strict as assert } from 'node:assert';
import { descendants, parseProcessTable } from '../../../../ts/platform/windows-processes';

describe('platform/windows-processes', () => {
  it("reads wmic's parent and process id table", () => {
    const text = '\ufeffParentProcessID  ProcessID  \r\n0    32   \r\n32   56   \r\n56   76   \r\n56   128  \r\n7    7    \r\n\r\n';
    assert.deepEqual([...parseProcessTable(text)], [[0, [32]], [32, [56]], [56, [76, 128]]]);
  });

  it('lists every descendant, parents first, and survives a table that loops', () => {
    const table = new Map([[1, [2, 3]], [2, [4]], [4, [1]], [9, [10]]]);
    assert.deepEqual(descendants(1, table), [2, 3, 4]);
    assert.deepEqual(descendants(10, table), []);
  });
});
