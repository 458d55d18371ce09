// Issue 9 item 11: string attributes are written as the kernel's policies count them and as ip
// writes them. IFLA_IFALIAS is NLA_BINARY of at most IFALIASZ - 1 bytes (net/core/rtnetlink.c
// ifla_policy): ip sends it without a NUL, so a 255-byte alias fits; with a NUL it would be 256
// bytes and refused. IFLA_IFNAME and IFA_LABEL are NLA_STRING of at most IFNAMSIZ - 1 bytes, a
// trailing NUL not counted: ip sends them with their NUL. IFLA_INFO_KIND goes without one.
import t from 'tap';
import { Writer } from '../../../src/netlink/writer.js';
import { linkBody } from '../../../src/netlink/route/link-attrs.js';
import { linkSetMessage } from '../../../src/netlink/route/link.js';
import { addrMessage } from '../../../src/netlink/route/address.js';
import { UsageError } from '../../../src/netlink/errors.js';

function bodyOf(req: { body: unknown }): Buffer {
  const w = new Writer(512);
  linkBody.write(w, req.body as never, 'link');
  return Buffer.from(w.view());
}

t.test('alias: no NUL, as ip sends it', async (t) => {
  // strace -f -e trace=sendmsg -e write=all ip link set lo alias abc (iproute2 6.1, Linux 6.18):
  // after the 16-byte ifinfomsg, "07 00 14 00 61 62 63 00": nla_len 7 (4 + 3 bytes), IFLA_IFALIAS
  // (20), "abc", one byte of padding.
  const b = bodyOf(linkSetMessage({ dev: 1, alias: 'abc' }));
  t.equal(b.subarray(16).toString('hex'), '07001400616263' + '00');
  const full = bodyOf(linkSetMessage({ dev: 1, alias: 'a'.repeat(255) }));
  t.equal(full.readUInt16LE(16), 4 + 255, 'a 255-byte alias is 255 bytes on the wire');
  const none = bodyOf(linkSetMessage({ dev: 1, alias: '' }));
  t.equal(none.subarray(16).toString('hex'), '04001400', 'an empty alias is a zero-length attribute (removes it, as ip does)');
  t.throws(() => linkSetMessage({ dev: 1, alias: 'a'.repeat(256) }), UsageError, '256 bytes');
  t.throws(() => linkSetMessage({ dev: 1, alias: 'é'.repeat(128) }), UsageError, '256 bytes of UTF-8');
  t.throws(() => linkSetMessage({ dev: 1, alias: 'a\0b' }), UsageError, 'NUL inside');
});

t.test('ifname and kind: as ip sends them', async (t) => {
  // ip link set lo name abcdefghijklmno: IFLA_IFNAME with its NUL, nla_len 4 + 16.
  const b = bodyOf(linkSetMessage({ dev: 1, name: 'abcdefghijklmno' }));
  t.equal(b.subarray(16, 20).toString('hex'), '14000300', 'nla_len 20, IFLA_IFNAME');
  t.equal(b[20 + 15], 0, 'NUL-terminated');
  t.throws(() => linkSetMessage({ dev: 1, name: 'abcdefghijklmnop' }), UsageError, '16 bytes');
});

t.test('IFA_LABEL: at most 15 bytes, with its NUL on the wire', async (t) => {
  const r = addrMessage('add', { dev: 'lo', address: '10.0.0.1/24', label: 'lo:abcdefghijk' }, 1);
  t.ok(r, 'a 14-byte label');
  t.throws(() => addrMessage('add', { dev: 'lo', address: '10.0.0.1/24', label: 'lo:abcdefghijklm' }, 1), UsageError, '16 bytes');
  t.throws(() => addrMessage('add', { dev: 'lo', address: '10.0.0.1/24', label: 'lo:a\0' }, 1), UsageError, 'NUL inside');
});
