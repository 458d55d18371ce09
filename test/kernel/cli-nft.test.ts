// `nlctl nft` against `nft`: the same commands in nft's grammar, the same text byte for byte and
// the same -j JSON; -f FILE as one transaction; commands as words or one string; -n NS.
import t from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { nlctl } from '../helpers/cli-run.js';
import { kernelSkipReason, scratchNs } from '../helpers/scratch.js';
import { hasNft } from '../helpers/nft.js';

const skip = kernelSkipReason() ?? (hasNft() ? undefined : 'nft (Debian package nftables) is not installed; it is the oracle for these tests');

function nftRun(ns: string, args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync('ip', ['netns', 'exec', ns, 'nft', ...args], { encoding: 'utf8', timeout: 30000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const FILE = `#!/usr/sbin/nft -f
flush ruleset
table ip nat {
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		ip saddr 10.0.0.0/24 oifname != "br0" counter masquerade
	}
	chain prerouting {
		type nat hook prerouting priority dstnat; policy accept;
		iifname "eth0" tcp dport 8080 dnat to 10.0.0.2:80
		meta l4proto udp udp dport 5353 dnat to 10.0.0.3:53
	}
}
add table inet filter
add chain inet filter forward { type filter hook forward priority filter ; policy drop ; }
add rule inet filter forward ct state established,related accept
add rule inet filter forward ip6 daddr 2001:db8::/64 tcp dport != 22 accept
add chain inet filter fw2
add rule inet filter forward oifname "veth*" goto fw2
add rule inet filter fw2 ip daddr 10.9.0.1 return
`;

t.test('nlctl nft', { skip: skip ? `nlctl nft tests skipped: ${skip}` : false }, async (t) => {
  const a = scratchNs(t, 'nfta');
  const b = scratchNs(t, 'nftb');
  const dir = mkdtempSync(join(tmpdir(), 'nlctl-nft-'));
  const file = join(dir, 'rules.nft');
  writeFileSync(file, FILE);

  t.test('-f FILE: same ruleset as nft -f, listed identically', async (t) => {
    t.same(nlctl(['-n', a, 'nft', '-f', file]), { code: 0, out: '', err: '' }, 'nlctl applied it');
    t.equal(nftRun(b, ['-f', file]).code, 0, 'nft applied it');
    for (const args of [['list', 'ruleset'], ['-a', 'list', 'ruleset'], ['list', 'table', 'ip', 'nat'], ['list', 'chain', 'inet', 'filter', 'forward'], ['list', 'tables']]) {
      // (Handles count per namespace over its history: only compare them within one.)
      if (!args.includes('-a')) t.equal(nftRun(a, args).out, nftRun(b, args).out, `nft ${args.join(' ')}: the kernel holds the same in both`);
      t.equal(nlctl(['-n', a, 'nft', ...args]).out, nftRun(a, args).out, `nlctl nft ${args.join(' ')}: byte for byte`);
    }
    for (const args of [['-j', 'list', 'ruleset'], ['-j', 'list', 'table', 'inet', 'filter'], ['-j', 'list', 'chain', 'ip', 'nat', 'prerouting']]) {
      t.equal(nlctl(['-n', a, 'nft', ...args]).out, nftRun(a, args).out, `nlctl nft ${args.join(' ')}: same JSON, byte for byte`);
    }
  });

  t.test('-f FILE is one transaction', async (t) => {
    const before = nftRun(a, ['list', 'ruleset']).out;
    const bad = join(dir, 'bad.nft');
    writeFileSync(bad, 'add table ip extra\nadd chain ip extra c\nadd rule ip extra c jump nosuch\n');
    const r = nlctl(['-n', a, 'nft', '-f', bad]);
    t.equal(r.code, 1, 'exit 1, as nft');
    t.match(r.err, /^Error: Could not process rule: No such file or directory\nnft add rule ip extra c \[netns [^\]]+\]: No such file or directory \(ENOENT\)/);
    t.equal(nftRun(a, ['list', 'ruleset']).out, before, 'nothing of the file was applied');
  });

});
