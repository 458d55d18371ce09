// link.set's options are typed per kind (issue 9 item 18): a misspelt option, or one of another
// kind, fails to compile. The checks are the @ts-expect-error lines: `npm test` compiles this file
// first, and an expect-error that no longer errs (the old index signature) fails the build.
import t from 'tap';
import type { LinkSetOptions } from '../../src/netlink/route/link.js';

// @ts-expect-error 'upp' is no option of link.set
const typo: LinkSetOptions = { dev: 'lo', upp: true };
// @ts-expect-error a vxlan option under kind bridge
const wrongKind: LinkSetOptions = { dev: 'br0', kind: 'bridge', ttl: 64 };
const fine: LinkSetOptions[] = [{ dev: 'lo', up: true, mtu: 1400 }, { dev: 'vx0', kind: 'vxlan', ttl: 64 }, { dev: 'br0', kind: 'bridge', stp_state: 1 }];

t.test('typed link.set options compile as intended', async (t) => {
  t.equal(fine.length, 3);
  t.ok(typo && wrongKind, 'the mistyped objects exist only for the compiler');
});
