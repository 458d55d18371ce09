// `nlctl monitor` names the device of a netconf event that comes before its link event with one
// RTM_GETLINK, as ip does; a lookup that lands while the kernel is still registering the device
// finds nothing (CI, loaded: `inet if5` where ip printed `inet nc0`), so it asks again, briefly.
import t from 'tap';
import { deviceName } from '../../src/cli/monitor.js';

const failing = (times: number, name = 'nc0') => {
  let calls = 0;
  const get = async (i: number) => {
    t.equal(i, 5, 'asks by the event\'s index');
    if (calls++ < times) throw Object.assign(new Error('Cannot find device'), { code: 'ENODEV' });
    return name;
  };
  return { get, calls: () => calls };
};

t.test('a device still registering is found on a later try', async (t) => {
  const f = failing(2);
  t.equal(await deviceName(f.get, 5, 4, 1), 'nc0');
  t.equal(f.calls(), 3);
});

t.test('found at once: one lookup', async (t) => {
  const f = failing(0);
  t.equal(await deviceName(f.get, 5, 4, 1), 'nc0');
  t.equal(f.calls(), 1);
});

t.test('bounded: a device that never appears gives up (printed as ifN)', async (t) => {
  const f = failing(100);
  t.equal(await deviceName(f.get, 5, 4, 1), undefined);
  t.equal(f.calls(), 4);
});

t.test('a link without a name counts as not found', async (t) => {
  const f = failing(0, '');
  t.equal(await deviceName(f.get, 5, 3, 1), undefined);
  t.equal(f.calls(), 3);
});
