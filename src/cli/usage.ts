/** `nlctl`'s top-level usage (ip's own under `ip`: io.ts's helpText). */

export const USAGE = `Usage: nlctl [ OPTIONS ] OBJECT { COMMAND | help }
       nlctl [ -force ] -batch filename
where  OBJECT := { address | addrlabel | link | monitor | neighbour | netconf | netns |
                   nexthop | nft | route | rule }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -o[neline] |
                    -f[amily] { inet | inet6 | link } | -4 | -6 |
                    -n[etns] name | -b[atch] [filename] | -force |
                    -t[imestamp] | -ts[hort] | -h[uman-readable] | -iec |
                    -br[ief] | -j[son] | -p[retty] | -peer }
nlctl speaks ip's grammar; "nlctl OBJECT help" lists each object's commands.
`;
