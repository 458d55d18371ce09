// `nlctl nft`'s grammar against the kernel and `nft`: commands as separate words or as one
// string, deleting by handle, and what nlctl does not speak (a clear error, nothing changed).
// (Split from cli-nft.test.ts: each CLI run is a process, and one file must finish in time.)
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { nlctl } from '../helpers/cli-run.js';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { hasNft } from '../helpers/nft.js';

const skip = kernelSkipReason() ?? (hasNft() ? undefined : 'nft (Debian package nftables) is not installed; it is the oracle for these tests');

function nftRun(ns: string, args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync('ip', ['netns', 'exec', ns, 'nft', ...args], { encoding: 'utf8', timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

t.test('nlctl nft grammar', { skip: skip ? `nlctl nft tests skipped: ${skip}` : false }, async (t) => {
  const a = scratchNs(t, 'nftg');
  nftRun(a, ['add table ip nat; add chain ip nat postrouting { type nat hook postrouting priority srcnat; }; add table inet filter']);

  t.test('commands as separate words or one string', async (t) => {
    t.equal(nlctl(['-n', a, 'nft', 'add', 'table', 'ip', 'w']).code, 0);
    t.equal(nlctl(['-n', a, 'nft', 'add', 'chain', 'ip', 'w', 'c', '{', 'type', 'nat', 'hook', 'output', 'priority', '-100', ';', '}']).code, 0);
    t.equal(nlctl(['-n', a, 'nft', 'add rule ip w c ip daddr 192.0.2.1 tcp dport 80 dnat to 10.0.0.2:8080; add rule ip w c counter']).code, 0);
    t.equal(nlctl(['-n', a, 'nft', 'list', 'table', 'ip', 'w']).out, 'table ip w {\n\tchain c {\n\t\ttype nat hook output priority -100; policy accept;\n\t\tip daddr 192.0.2.1 tcp dport 80 dnat to 10.0.0.2:8080\n\t\tcounter packets 0 bytes 0\n\t}\n}\n');
    t.equal(nlctl(['-n', a, 'nft', 'list table ip w']).out, nftRun(a, ['list', 'table', 'ip', 'w']).out, 'one string lists the same');
    const h = /dnat to 10\.0\.0\.2:8080 # handle (\d+)/.exec(nlctl(['-n', a, 'nft', '-a', 'list', 'table', 'ip', 'w']).out)![1]!;
    t.equal(nlctl(['-n', a, 'nft', 'delete', 'rule', 'ip', 'w', 'c', 'handle', h]).code, 0, 'delete rule by handle');
    t.notMatch(nftRun(a, ['list', 'table', 'ip', 'w']).out, /dnat/);
    t.equal(nlctl(['-n', a, 'nft', 'flush chain ip w c; delete chain ip w c; delete table ip w']).code, 0);
    t.equal(nftRun(a, ['list', 'tables']).out, 'table ip nat\ntable inet filter\n', 'only w is gone');
  });

  t.test('what nlctl does not speak: a clear error, nothing changed', async (t) => {
    const before = nftRun(a, ['list', 'ruleset']).out;
    for (const [args, re] of [
      [['add rule ip nat postrouting log'], /^Error: expression "log": not supported by nlctl/],
      [['add', 'set', 'ip', 'nat', 's', '{', 'type', 'ipv4_addr', ';', '}'], /^Error: add set: not supported by nlctl/],
      [['add chain ip nat fw { type nat hook forward priority 0 ; }'], /^Error: add chain ip nat fw: chain type nat does not allow hook forward/],
      [['add rule ip nat postrouting tcp dport 70000 accept'], /^Error: tcp dport: port 70000 out of range \(0-65535\)/],
      [['add rule ip nat postrouting ip saddr 10.0.0.0/40 accept'], /^Error: ip saddr: bad prefix length 40/],
      [['list table ip nosuch'], /^Error: No such file or directory/],
    ] as [string[], RegExp][]) {
      const r = nlctl(['-n', a, 'nft', ...args]);
      t.equal(r.code, 1, `${args.join(' ')}: exit 1`);
      t.match(r.err, re, `${args.join(' ')}: ${r.err.split('\n')[0]}`);
    }
    t.equal(nftRun(a, ['list', 'ruleset']).out, before, 'nothing changed');
    // Rules nft made with expressions nlctl does not decode are named, never printed wrong.
    nftRun(a, ['add rule ip nat postrouting log prefix "x" accept']);
    t.match(nlctl(['-n', a, 'nft', 'list', 'chain', 'ip', 'nat', 'postrouting']).out, /\t\t<not supported by nlctl: log> accept\n/);
  });
});
