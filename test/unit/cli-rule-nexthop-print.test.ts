// The rule and nexthop printers on dumps the kernel sent (test/fixtures/reply_newrule_v6.hex,
// reply_newnexthop_*.hex), against what ip 6.1 printed for those same objects in the capture
// session (`ip -6 rule show`, `ip -j -6 rule show`, `ip nexthop show`, `ip -j nexthop show`).
import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { splitMessages } from '../../src/netlink/message.js';
import { ruleBody } from '../../src/netlink/route/rule.js';
import { nhBody } from '../../src/netlink/route/nexthop.js';
import { ipprotoName, ruleJson, ruleText } from '../../src/cli/print/rule.js';
import { nhJson, nhText } from '../../src/cli/print/nexthop.js';
import { toJson } from '../../src/cli/print/json.js';
import { fixture } from '../helpers/fixtures.js';

const body = <T>(name: string, codec: { read(b: Buffer, p: string): T }): T => codec.read(splitMessages(fixture(name))[0]!.body, name);
const name = (i: number) => (i === 3 ? 'veth0' : `if${i}`);

t.test('a rule as ip rule show prints it', async (t) => {
  const r = body('reply_newrule_v6', ruleBody);
  const tcp = ipprotoName(6);
  t.equal(ruleText(r), `2000:\tnot from 2001:db8::/64 oif veth0 uidrange 1000-2000 ipproto ${tcp} sport 80 dport 1000-2000 lookup 70000 proto static`);
  t.equal(toJson(ruleJson(r)), `{"priority":2000,"not":null,"src":"2001:db8::","srclen":64,"oif":"veth0","uid_start":1000,"uid_end":2000,"ipproto":"${tcp}","sport":80,"dport_start":1000,"dport_end":2000,"table":"70000","protocol":"static"}`);
  t.equal(ruleText(r, { deleted: true }).slice(0, 14), 'Deleted 2000:\t');
  if (existsSync('/etc/protocols') && /^tcp\s+6\b/m.test(readFileSync('/etc/protocols', 'utf8'))) t.equal(tcp, 'tcp', 'names from /etc/protocols');
  t.equal(ipprotoName(200), 'ipproto-200', 'a number without a name (200 is unassigned) prints as ipproto-N, as ip printed it');
});

t.test('nexthops as ip nexthop show prints them', async (t) => {
  const via = body('reply_newnexthop_via', nhBody);
  t.equal(nhText(via, { name }), 'id 1 via 10.0.0.2 dev veth0 scope link ');
  t.equal(toJson(nhJson(via, { name })), '{"id":1,"gateway":"10.0.0.2","dev":"veth0","scope":"link","flags":[]}');
  t.equal(nhText(via, { name, details: true }), 'id 1 via 10.0.0.2 dev veth0 scope link proto unspec ', '-d adds the protocol');
  const grp = body('reply_newnexthop_group', nhBody);
  t.equal(nhText(grp, { name }), 'id 10 group 1/3,2 ');
  t.equal(toJson(nhJson(grp, { name })), '{"id":10,"group":[{"id":1},{"id":3,"weight":2}],"flags":[]}');
  t.equal(nhText(grp, { name, details: true }), 'id 10 group 1/3,2 scope global proto unspec ');
});
