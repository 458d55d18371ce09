// masquerade()/publish() options -> rules, without a kernel: families, canonical forms, errors.
import t from 'tap';
import { masqueradeRule, publishRules } from '../../../src/nft/nat.js';
import { ruleText } from '../../../src/nft/text.js';

t.test('IPv4 and IPv6 land in their own family', async (t) => {
  const m4 = masqueradeRule({ source: '10.0.0.0/24', notOutInterface: 'br0' });
  t.equal(m4.family, 'ip');
  t.equal(ruleText(m4), 'ip saddr 10.0.0.0/24 oifname != "br0" counter packets 0 bytes 0 masquerade');
  const m6 = masqueradeRule({ source: 'fd00::/64', outInterface: 'eth0' });
  t.equal(m6.family, 'ip6');
  t.equal(ruleText(m6), 'ip6 saddr fd00::/64 oifname "eth0" counter packets 0 bytes 0 masquerade');
  t.equal(ruleText(masqueradeRule({ source: '10.0.0.2/32' })), 'ip saddr 10.0.0.2 counter packets 0 bytes 0 masquerade', '/32 lists as the address, as nft does');
  const p6 = publishRules({ proto: 'udp', port: 53, to: '[fd00::2]:5353', address: 'fd00::1' });
  t.same(p6.map((r) => [r.family, r.chain, ruleText(r)]), [
    ['ip6', 'prerouting', 'ip6 daddr fd00::1 udp dport 53 dnat to [fd00::2]:5353'],
    ['ip6', 'output', 'ip6 daddr fd00::1 udp dport 53 dnat to [fd00::2]:5353']]);
  t.same(publishRules({ proto: 'tcp', port: 8080, to: '10.0.0.2', inInterface: 'eth0' }).map(ruleText), ['iifname "eth0" tcp dport 8080 dnat to 10.0.0.2:8080'], 'same port when none given');
});

t.test('bad options: clear errors before anything is sent', async (t) => {
  t.throws(() => masqueradeRule({ source: '10.0.0.0/24', outInterface: 'a', notOutInterface: 'b' }), /exclude each other/);
  t.throws(() => masqueradeRule({ source: '10.0.0.0/33' }), /bad prefix length 33/);
  t.throws(() => masqueradeRule({ source: 'nope/24' }), /not an address: "nope"/);
  t.throws(() => publishRules({ proto: 'sctp' as 'tcp', port: 1, to: '10.0.0.2' }), /proto must be tcp or udp/);
  t.throws(() => publishRules({ proto: 'tcp', port: 65536, to: '10.0.0.2' }), /port 65536 out of range/);
  t.throws(() => publishRules({ proto: 'tcp', port: 80, to: '10.0.0.2:99999' }), /port 99999 out of range/);
  t.throws(() => publishRules({ proto: 'tcp', port: 80, to: '10.0.0.2', address: 'fd00::1' }), /differ in family/);
});
