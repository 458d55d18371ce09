import socket, struct, sys, os
# Dumps one rtnetlink table raw: python3 nlseed.py TYPE FAMILY NAME OUTDIR
RTM = {'link': 18, 'addr': 22, 'route': 26, 'neigh': 30, 'netconf': 82, 'nsid': 90}
kind, fam, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
s.bind((0, 0))
t = RTM[kind]
body = struct.pack('B3x', fam) if kind in ('netconf', 'nsid') else (struct.pack('BxHiII', fam, 0, 0, 0, 0) if kind == 'link' else (struct.pack('BBBBI', fam, 0, 0, 0, 0) if kind == 'addr' else (struct.pack('BBBBBBBBI', fam, 0, 0, 0, 0, 0, 0, 0, 0) if kind == 'route' else struct.pack('BxxxiHBB', fam, 0, 0, 0, 0))))
if kind == 'neigh': body = struct.pack('BBHiHBB', fam, 0, 0, 0, 0, 0, 0)
msg = struct.pack('IHHII', 16 + len(body), t, 0x301, 1, 0) + body
s.send(msg)
msgs = []
done = False
while not done:
    d = s.recv(65536)
    off = 0
    while off < len(d):
        ln, ty = struct.unpack_from('IH', d, off)
        if ty in (2, 3): done = True; break
        msgs.append(d[off:off+ln])
        off += (ln + 3) & ~3
with open(out, 'w') as f:
    f.write(f'# command: rtnetlink dump type {t} ({kind}) family {fam}, NLM_F_REQUEST|NLM_F_DUMP, in a scratch namespace (see test/fuzz/seeds/README.md)\n')
    f.write(f'# captured: python3 raw AF_NETLINK socket, recv() datagrams; {len(msgs)} messages, each padded to 4, concatenated\n')
    f.write(f'# kernel: {os.uname().release}\n')
    for m in msgs:
        m = m + b'\0' * (((len(m) + 3) & ~3) - len(m))
        h = m.hex()
        for i in range(0, len(h), 32): f.write(' '.join(h[j:j+2] for j in range(i, min(i+32, len(h)), 2)) + '\n')
print(kind, len(msgs))
