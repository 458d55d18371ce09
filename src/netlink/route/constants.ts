/**
 * Constants of rtnetlink (NETLINK_ROUTE), mirroring the Linux uapi headers
 * linux/rtnetlink.h, linux/if_link.h, linux/if_tunnel.h, linux/if_addr.h,
 * linux/neighbour.h, linux/net_namespace.h, linux/veth.h, linux/if_bridge.h,
 * linux/if_arp.h and linux/if.h, plus the AF_* address families (linux/socket.h).
 *
 * Names keep the kernel spelling; values are in kernel order and were checked against
 * the headers with a C compiler. Count sentinels (`__FOO_MAX` and `FOO_MAX` derived from
 * them) are omitted on purpose: they change from one kernel release to the next.
 */

// linux/socket.h: address families (kernel-internal header; same values in glibc <sys/socket.h>)
export const AF_UNSPEC = 0;
export const AF_INET = 2;
export const AF_BRIDGE = 7;
export const AF_INET6 = 10;
export const AF_NETLINK = 16;
export const AF_PACKET = 17;
export const AF_MPLS = 28;

// linux/rtnetlink.h: RTNL_FAMILY_* defines — rtnetlink families
export const RTNL_FAMILY_IPMR = 128;
export const RTNL_FAMILY_IP6MR = 129;

// linux/rtnetlink.h: RTM_* (anonymous enum) — message types
export const RTM_BASE = 16;
export const RTM_NEWLINK = 16;
export const RTM_DELLINK = 17;
export const RTM_GETLINK = 18;
export const RTM_SETLINK = 19;
export const RTM_NEWADDR = 20;
export const RTM_DELADDR = 21;
export const RTM_GETADDR = 22;
export const RTM_NEWROUTE = 24;
export const RTM_DELROUTE = 25;
export const RTM_GETROUTE = 26;
export const RTM_NEWNEIGH = 28;
export const RTM_DELNEIGH = 29;
export const RTM_GETNEIGH = 30;
export const RTM_NEWRULE = 32;
export const RTM_DELRULE = 33;
export const RTM_GETRULE = 34;
export const RTM_NEWQDISC = 36;
export const RTM_DELQDISC = 37;
export const RTM_GETQDISC = 38;
export const RTM_NEWTCLASS = 40;
export const RTM_DELTCLASS = 41;
export const RTM_GETTCLASS = 42;
export const RTM_NEWTFILTER = 44;
export const RTM_DELTFILTER = 45;
export const RTM_GETTFILTER = 46;
export const RTM_NEWACTION = 48;
export const RTM_DELACTION = 49;
export const RTM_GETACTION = 50;
export const RTM_NEWPREFIX = 52;
export const RTM_GETMULTICAST = 58;
export const RTM_GETANYCAST = 62;
export const RTM_NEWNEIGHTBL = 64;
export const RTM_GETNEIGHTBL = 66;
export const RTM_SETNEIGHTBL = 67;
export const RTM_NEWNDUSEROPT = 68;
export const RTM_NEWADDRLABEL = 72;
export const RTM_DELADDRLABEL = 73;
export const RTM_GETADDRLABEL = 74;
export const RTM_GETDCB = 78;
export const RTM_SETDCB = 79;
export const RTM_NEWNETCONF = 80;
export const RTM_DELNETCONF = 81;
export const RTM_GETNETCONF = 82;
export const RTM_NEWMDB = 84;
export const RTM_DELMDB = 85;
export const RTM_GETMDB = 86;
export const RTM_NEWNSID = 88;
export const RTM_DELNSID = 89;
export const RTM_GETNSID = 90;
export const RTM_NEWSTATS = 92;
export const RTM_GETSTATS = 94;
export const RTM_SETSTATS = 95;
export const RTM_NEWCACHEREPORT = 96;
export const RTM_NEWCHAIN = 100;
export const RTM_DELCHAIN = 101;
export const RTM_GETCHAIN = 102;
export const RTM_NEWNEXTHOP = 104;
export const RTM_DELNEXTHOP = 105;
export const RTM_GETNEXTHOP = 106;
export const RTM_NEWLINKPROP = 108;
export const RTM_DELLINKPROP = 109;
export const RTM_GETLINKPROP = 110;
export const RTM_NEWVLAN = 112;
export const RTM_DELVLAN = 113;
export const RTM_GETVLAN = 114;
export const RTM_NEWNEXTHOPBUCKET = 116;
export const RTM_DELNEXTHOPBUCKET = 117;
export const RTM_GETNEXTHOPBUCKET = 118;
export const RTM_NEWTUNNEL = 120;
export const RTM_DELTUNNEL = 121;
export const RTM_GETTUNNEL = 122;

// linux/rtnetlink.h: RTN_* (anonymous enum) — rtm_type
export const RTN_UNSPEC = 0;
export const RTN_UNICAST = 1; // Gateway or direct route
export const RTN_LOCAL = 2; // Accept locally
export const RTN_BROADCAST = 3;
export const RTN_ANYCAST = 4;
export const RTN_MULTICAST = 5; // Multicast route
export const RTN_BLACKHOLE = 6; // Drop
export const RTN_UNREACHABLE = 7; // Destination is unreachable
export const RTN_PROHIBIT = 8; // Administratively prohibited
export const RTN_THROW = 9; // Not in this table
export const RTN_NAT = 10; // Translate this address
export const RTN_XRESOLVE = 11; // Use external resolver

// linux/rtnetlink.h: RTPROT_* defines — rtm_protocol
export const RTPROT_UNSPEC = 0;
export const RTPROT_REDIRECT = 1;
export const RTPROT_KERNEL = 2; // Route installed by kernel
export const RTPROT_BOOT = 3; // Route installed during boot
export const RTPROT_STATIC = 4; // Route installed by administrator
export const RTPROT_GATED = 8; // Apparently, GateD
export const RTPROT_RA = 9; // RDISC/ND router advertisements
export const RTPROT_MRT = 10; // Merit MRT
export const RTPROT_ZEBRA = 11; // Zebra
export const RTPROT_BIRD = 12; // BIRD
export const RTPROT_DNROUTED = 13; // DECnet routing daemon
export const RTPROT_XORP = 14; // XORP
export const RTPROT_NTK = 15; // Netsukuku
export const RTPROT_DHCP = 16; // DHCP client
export const RTPROT_MROUTED = 17; // Multicast daemon
export const RTPROT_KEEPALIVED = 18; // Keepalived daemon
export const RTPROT_BABEL = 42; // Babel daemon
export const RTPROT_OPENR = 99; // Open Routing (Open/R) Routes
export const RTPROT_BGP = 186; // BGP Routes
export const RTPROT_ISIS = 187; // ISIS Routes
export const RTPROT_OSPF = 188; // OSPF Routes
export const RTPROT_RIP = 189; // RIP Routes
export const RTPROT_EIGRP = 192; // EIGRP Routes

// linux/rtnetlink.h: enum rt_scope_t, RT_SCOPE_* — rtm_scope
export const RT_SCOPE_UNIVERSE = 0;
export const RT_SCOPE_SITE = 200;
export const RT_SCOPE_LINK = 253;
export const RT_SCOPE_HOST = 254;
export const RT_SCOPE_NOWHERE = 255;

// linux/rtnetlink.h: RTM_F_* defines — rtm_flags
export const RTM_F_NOTIFY = 0x100; // Notify user of route change
export const RTM_F_CLONED = 0x200; // This route is cloned
export const RTM_F_EQUALIZE = 0x400; // Multipath equalizer: NI
export const RTM_F_PREFIX = 0x800; // Prefix addresses
export const RTM_F_LOOKUP_TABLE = 0x1000; // set rtm_table to FIB lookup result
export const RTM_F_FIB_MATCH = 0x2000; // return full fib lookup match
export const RTM_F_OFFLOAD = 0x4000; // route is offloaded
export const RTM_F_TRAP = 0x8000; // route is trapping packets
export const RTM_F_OFFLOAD_FAILED = 0x20000000;

// linux/rtnetlink.h: enum rt_class_t, RT_TABLE_* — reserved table identifiers
export const RT_TABLE_UNSPEC = 0;
export const RT_TABLE_COMPAT = 252;
export const RT_TABLE_DEFAULT = 253;
export const RT_TABLE_MAIN = 254;
export const RT_TABLE_LOCAL = 255;
export const RT_TABLE_MAX = 0xffffffff;

// linux/rtnetlink.h: enum rtattr_type_t, RTA_* — routing message attributes
export const RTA_UNSPEC = 0;
export const RTA_DST = 1;
export const RTA_SRC = 2;
export const RTA_IIF = 3;
export const RTA_OIF = 4;
export const RTA_GATEWAY = 5;
export const RTA_PRIORITY = 6;
export const RTA_PREFSRC = 7;
export const RTA_METRICS = 8;
export const RTA_MULTIPATH = 9;
export const RTA_PROTOINFO = 10; // no longer used
export const RTA_FLOW = 11;
export const RTA_CACHEINFO = 12;
export const RTA_SESSION = 13; // no longer used
export const RTA_MP_ALGO = 14; // no longer used
export const RTA_TABLE = 15;
export const RTA_MARK = 16;
export const RTA_MFC_STATS = 17;
export const RTA_VIA = 18;
export const RTA_NEWDST = 19;
export const RTA_PREF = 20;
export const RTA_ENCAP_TYPE = 21;
export const RTA_ENCAP = 22;
export const RTA_EXPIRES = 23;
export const RTA_PAD = 24;
export const RTA_UID = 25;
export const RTA_TTL_PROPAGATE = 26;
export const RTA_IP_PROTO = 27;
export const RTA_SPORT = 28;
export const RTA_DPORT = 29;
export const RTA_NH_ID = 30;

// linux/rtnetlink.h: RTNH_F_* defines — rtnh_flags
export const RTNH_F_DEAD = 1; // Nexthop is dead (used by multipath)
export const RTNH_F_PERVASIVE = 2; // Do recursive gateway lookup
export const RTNH_F_ONLINK = 4; // Gateway is forced on link
export const RTNH_F_OFFLOAD = 8; // Nexthop is offloaded
export const RTNH_F_LINKDOWN = 16; // carrier-down on nexthop
export const RTNH_F_UNRESOLVED = 32; // The entry is unresolved (ipmr)
export const RTNH_F_TRAP = 64; // Nexthop is trapping packets

// linux/rtnetlink.h: RTAX_* (anonymous enum) — RTA_METRICS nested attributes
export const RTAX_UNSPEC = 0;
export const RTAX_LOCK = 1;
export const RTAX_MTU = 2;
export const RTAX_WINDOW = 3;
export const RTAX_RTT = 4;
export const RTAX_RTTVAR = 5;
export const RTAX_SSTHRESH = 6;
export const RTAX_CWND = 7;
export const RTAX_ADVMSS = 8;
export const RTAX_REORDERING = 9;
export const RTAX_HOPLIMIT = 10;
export const RTAX_INITCWND = 11;
export const RTAX_FEATURES = 12;
export const RTAX_RTO_MIN = 13;
export const RTAX_INITRWND = 14;
export const RTAX_QUICKACK = 15;
export const RTAX_CC_ALGO = 16;
export const RTAX_FASTOPEN_NO_COOKIE = 17;

// linux/rtnetlink.h: RTAX_FEATURE_* defines — RTAX_FEATURES bits
export const RTAX_FEATURE_ECN = 0x1;
export const RTAX_FEATURE_SACK = 0x2;
export const RTAX_FEATURE_TIMESTAMP = 0x4;
export const RTAX_FEATURE_ALLFRAG = 0x8;

// linux/rtnetlink.h: RTMGRP_* defines — legacy multicast group bitmask (backwards compatibility)
export const RTMGRP_LINK = 1;
export const RTMGRP_NOTIFY = 2;
export const RTMGRP_NEIGH = 4;
export const RTMGRP_TC = 8;
export const RTMGRP_IPV4_IFADDR = 0x10;
export const RTMGRP_IPV4_MROUTE = 0x20;
export const RTMGRP_IPV4_ROUTE = 0x40;
export const RTMGRP_IPV4_RULE = 0x80;
export const RTMGRP_IPV6_IFADDR = 0x100;
export const RTMGRP_IPV6_MROUTE = 0x200;
export const RTMGRP_IPV6_ROUTE = 0x400;
export const RTMGRP_IPV6_IFINFO = 0x800;
export const RTMGRP_DECnet_IFADDR = 0x1000;
export const RTMGRP_DECnet_ROUTE = 0x4000;
export const RTMGRP_IPV6_PREFIX = 0x20000;

// linux/rtnetlink.h: enum rtnetlink_groups, RTNLGRP_* — multicast groups
export const RTNLGRP_NONE = 0;
export const RTNLGRP_LINK = 1;
export const RTNLGRP_NOTIFY = 2;
export const RTNLGRP_NEIGH = 3;
export const RTNLGRP_TC = 4;
export const RTNLGRP_IPV4_IFADDR = 5;
export const RTNLGRP_IPV4_MROUTE = 6;
export const RTNLGRP_IPV4_ROUTE = 7;
export const RTNLGRP_IPV4_RULE = 8;
export const RTNLGRP_IPV6_IFADDR = 9;
export const RTNLGRP_IPV6_MROUTE = 10;
export const RTNLGRP_IPV6_ROUTE = 11;
export const RTNLGRP_IPV6_IFINFO = 12;
export const RTNLGRP_DECnet_IFADDR = 13;
export const RTNLGRP_NOP2 = 14;
export const RTNLGRP_DECnet_ROUTE = 15;
export const RTNLGRP_DECnet_RULE = 16;
export const RTNLGRP_NOP4 = 17;
export const RTNLGRP_IPV6_PREFIX = 18;
export const RTNLGRP_IPV6_RULE = 19;
export const RTNLGRP_ND_USEROPT = 20;
export const RTNLGRP_PHONET_IFADDR = 21;
export const RTNLGRP_PHONET_ROUTE = 22;
export const RTNLGRP_DCB = 23;
export const RTNLGRP_IPV4_NETCONF = 24;
export const RTNLGRP_IPV6_NETCONF = 25;
export const RTNLGRP_MDB = 26;
export const RTNLGRP_MPLS_ROUTE = 27;
export const RTNLGRP_NSID = 28;
export const RTNLGRP_MPLS_NETCONF = 29;
export const RTNLGRP_IPV4_MROUTE_R = 30;
export const RTNLGRP_IPV6_MROUTE_R = 31;
export const RTNLGRP_NEXTHOP = 32;
export const RTNLGRP_BRVLAN = 33;
export const RTNLGRP_MCTP_IFADDR = 34;
export const RTNLGRP_TUNNEL = 35;
export const RTNLGRP_STATS = 36;

// linux/rtnetlink.h: RTEXT_FILTER_* defines — extended info filters for IFLA_EXT_MASK
export const RTEXT_FILTER_VF = 0x1;
export const RTEXT_FILTER_BRVLAN = 0x2;
export const RTEXT_FILTER_BRVLAN_COMPRESSED = 0x4;
export const RTEXT_FILTER_SKIP_STATS = 0x8;
export const RTEXT_FILTER_MRP = 0x10;
export const RTEXT_FILTER_CFM_CONFIG = 0x20;
export const RTEXT_FILTER_CFM_STATUS = 0x40;
export const RTEXT_FILTER_MST = 0x80;

// linux/if_link.h: IFLA_* (anonymous enum) — link attributes
export const IFLA_UNSPEC = 0;
export const IFLA_ADDRESS = 1;
export const IFLA_BROADCAST = 2;
export const IFLA_IFNAME = 3;
export const IFLA_MTU = 4;
export const IFLA_LINK = 5;
export const IFLA_QDISC = 6;
export const IFLA_STATS = 7;
export const IFLA_COST = 8;
export const IFLA_PRIORITY = 9;
export const IFLA_MASTER = 10;
export const IFLA_WIRELESS = 11; // Wireless Extension event - see wireless.h
export const IFLA_PROTINFO = 12; // Protocol specific information for a link
export const IFLA_TXQLEN = 13;
export const IFLA_MAP = 14;
export const IFLA_WEIGHT = 15;
export const IFLA_OPERSTATE = 16;
export const IFLA_LINKMODE = 17;
export const IFLA_LINKINFO = 18;
export const IFLA_NET_NS_PID = 19;
export const IFLA_IFALIAS = 20;
export const IFLA_NUM_VF = 21; // Number of VFs if device is SR-IOV PF
export const IFLA_VFINFO_LIST = 22;
export const IFLA_STATS64 = 23;
export const IFLA_VF_PORTS = 24;
export const IFLA_PORT_SELF = 25;
export const IFLA_AF_SPEC = 26;
export const IFLA_GROUP = 27; // Group the device belongs to
export const IFLA_NET_NS_FD = 28;
export const IFLA_EXT_MASK = 29; // Extended info mask, VFs, etc
export const IFLA_PROMISCUITY = 30; // Promiscuity count: > 0 means acts PROMISC
export const IFLA_NUM_TX_QUEUES = 31;
export const IFLA_NUM_RX_QUEUES = 32;
export const IFLA_CARRIER = 33;
export const IFLA_PHYS_PORT_ID = 34;
export const IFLA_CARRIER_CHANGES = 35;
export const IFLA_PHYS_SWITCH_ID = 36;
export const IFLA_LINK_NETNSID = 37;
export const IFLA_PHYS_PORT_NAME = 38;
export const IFLA_PROTO_DOWN = 39;
export const IFLA_GSO_MAX_SEGS = 40;
export const IFLA_GSO_MAX_SIZE = 41;
export const IFLA_PAD = 42;
export const IFLA_XDP = 43;
export const IFLA_EVENT = 44;
export const IFLA_NEW_NETNSID = 45;
export const IFLA_IF_NETNSID = 46;
export const IFLA_TARGET_NETNSID = IFLA_IF_NETNSID; // new alias
export const IFLA_CARRIER_UP_COUNT = 47;
export const IFLA_CARRIER_DOWN_COUNT = 48;
export const IFLA_NEW_IFINDEX = 49;
export const IFLA_MIN_MTU = 50;
export const IFLA_MAX_MTU = 51;
export const IFLA_PROP_LIST = 52;
export const IFLA_ALT_IFNAME = 53; // Alternative ifname
export const IFLA_PERM_ADDRESS = 54;
export const IFLA_PROTO_DOWN_REASON = 55;
export const IFLA_PARENT_DEV_NAME = 56;
export const IFLA_PARENT_DEV_BUS_NAME = 57;
export const IFLA_GRO_MAX_SIZE = 58;
export const IFLA_TSO_MAX_SIZE = 59;
export const IFLA_TSO_MAX_SEGS = 60;
export const IFLA_ALLMULTI = 61; // Allmulti count: > 0 means acts ALLMULTI

// linux/if_link.h: IFLA_INET_* (anonymous enum) — IFLA_AF_SPEC / AF_INET
export const IFLA_INET_UNSPEC = 0;
export const IFLA_INET_CONF = 1;

// linux/if_link.h: IFLA_INET6_* (anonymous enum) — IFLA_AF_SPEC / AF_INET6
export const IFLA_INET6_UNSPEC = 0;
export const IFLA_INET6_FLAGS = 1; // link flags
export const IFLA_INET6_CONF = 2; // sysctl parameters
export const IFLA_INET6_STATS = 3; // statistics
export const IFLA_INET6_MCAST = 4; // MC things. What of them?
export const IFLA_INET6_CACHEINFO = 5; // time values and max reasm size
export const IFLA_INET6_ICMP6STATS = 6; // statistics (icmpv6)
export const IFLA_INET6_TOKEN = 7; // device token
export const IFLA_INET6_ADDR_GEN_MODE = 8; // implicit address generator mode
export const IFLA_INET6_RA_MTU = 9; // mtu carried in the RA message

// linux/if_link.h: enum in6_addr_gen_mode, IN6_ADDR_GEN_MODE_*
export const IN6_ADDR_GEN_MODE_EUI64 = 0;
export const IN6_ADDR_GEN_MODE_NONE = 1;
export const IN6_ADDR_GEN_MODE_STABLE_PRIVACY = 2;
export const IN6_ADDR_GEN_MODE_RANDOM = 3;

// linux/if_link.h: IFLA_BR_* (anonymous enum) — bridge IFLA_INFO_DATA
export const IFLA_BR_UNSPEC = 0;
export const IFLA_BR_FORWARD_DELAY = 1;
export const IFLA_BR_HELLO_TIME = 2;
export const IFLA_BR_MAX_AGE = 3;
export const IFLA_BR_AGEING_TIME = 4;
export const IFLA_BR_STP_STATE = 5;
export const IFLA_BR_PRIORITY = 6;
export const IFLA_BR_VLAN_FILTERING = 7;
export const IFLA_BR_VLAN_PROTOCOL = 8;
export const IFLA_BR_GROUP_FWD_MASK = 9;
export const IFLA_BR_ROOT_ID = 10;
export const IFLA_BR_BRIDGE_ID = 11;
export const IFLA_BR_ROOT_PORT = 12;
export const IFLA_BR_ROOT_PATH_COST = 13;
export const IFLA_BR_TOPOLOGY_CHANGE = 14;
export const IFLA_BR_TOPOLOGY_CHANGE_DETECTED = 15;
export const IFLA_BR_HELLO_TIMER = 16;
export const IFLA_BR_TCN_TIMER = 17;
export const IFLA_BR_TOPOLOGY_CHANGE_TIMER = 18;
export const IFLA_BR_GC_TIMER = 19;
export const IFLA_BR_GROUP_ADDR = 20;
export const IFLA_BR_FDB_FLUSH = 21;
export const IFLA_BR_MCAST_ROUTER = 22;
export const IFLA_BR_MCAST_SNOOPING = 23;
export const IFLA_BR_MCAST_QUERY_USE_IFADDR = 24;
export const IFLA_BR_MCAST_QUERIER = 25;
export const IFLA_BR_MCAST_HASH_ELASTICITY = 26;
export const IFLA_BR_MCAST_HASH_MAX = 27;
export const IFLA_BR_MCAST_LAST_MEMBER_CNT = 28;
export const IFLA_BR_MCAST_STARTUP_QUERY_CNT = 29;
export const IFLA_BR_MCAST_LAST_MEMBER_INTVL = 30;
export const IFLA_BR_MCAST_MEMBERSHIP_INTVL = 31;
export const IFLA_BR_MCAST_QUERIER_INTVL = 32;
export const IFLA_BR_MCAST_QUERY_INTVL = 33;
export const IFLA_BR_MCAST_QUERY_RESPONSE_INTVL = 34;
export const IFLA_BR_MCAST_STARTUP_QUERY_INTVL = 35;
export const IFLA_BR_NF_CALL_IPTABLES = 36;
export const IFLA_BR_NF_CALL_IP6TABLES = 37;
export const IFLA_BR_NF_CALL_ARPTABLES = 38;
export const IFLA_BR_VLAN_DEFAULT_PVID = 39;
export const IFLA_BR_PAD = 40;
export const IFLA_BR_VLAN_STATS_ENABLED = 41;
export const IFLA_BR_MCAST_STATS_ENABLED = 42;
export const IFLA_BR_MCAST_IGMP_VERSION = 43;
export const IFLA_BR_MCAST_MLD_VERSION = 44;
export const IFLA_BR_VLAN_STATS_PER_PORT = 45;
export const IFLA_BR_MULTI_BOOLOPT = 46;
export const IFLA_BR_MCAST_QUERIER_STATE = 47;

// linux/if_link.h: IFLA_BRPORT_* (anonymous enum) — bridge port IFLA_PROTINFO / IFLA_INFO_SLAVE_DATA
export const IFLA_BRPORT_UNSPEC = 0;
export const IFLA_BRPORT_STATE = 1; // Spanning tree state
export const IFLA_BRPORT_PRIORITY = 2; // " priority
export const IFLA_BRPORT_COST = 3; // " cost
export const IFLA_BRPORT_MODE = 4; // mode (hairpin)
export const IFLA_BRPORT_GUARD = 5; // bpdu guard
export const IFLA_BRPORT_PROTECT = 6; // root port protection
export const IFLA_BRPORT_FAST_LEAVE = 7; // multicast fast leave
export const IFLA_BRPORT_LEARNING = 8; // mac learning
export const IFLA_BRPORT_UNICAST_FLOOD = 9; // flood unicast traffic
export const IFLA_BRPORT_PROXYARP = 10; // proxy ARP
export const IFLA_BRPORT_LEARNING_SYNC = 11; // mac learning sync from device
export const IFLA_BRPORT_PROXYARP_WIFI = 12; // proxy ARP for Wi-Fi
export const IFLA_BRPORT_ROOT_ID = 13; // designated root
export const IFLA_BRPORT_BRIDGE_ID = 14; // designated bridge
export const IFLA_BRPORT_DESIGNATED_PORT = 15;
export const IFLA_BRPORT_DESIGNATED_COST = 16;
export const IFLA_BRPORT_ID = 17;
export const IFLA_BRPORT_NO = 18;
export const IFLA_BRPORT_TOPOLOGY_CHANGE_ACK = 19;
export const IFLA_BRPORT_CONFIG_PENDING = 20;
export const IFLA_BRPORT_MESSAGE_AGE_TIMER = 21;
export const IFLA_BRPORT_FORWARD_DELAY_TIMER = 22;
export const IFLA_BRPORT_HOLD_TIMER = 23;
export const IFLA_BRPORT_FLUSH = 24;
export const IFLA_BRPORT_MULTICAST_ROUTER = 25;
export const IFLA_BRPORT_PAD = 26;
export const IFLA_BRPORT_MCAST_FLOOD = 27;
export const IFLA_BRPORT_MCAST_TO_UCAST = 28;
export const IFLA_BRPORT_VLAN_TUNNEL = 29;
export const IFLA_BRPORT_BCAST_FLOOD = 30;
export const IFLA_BRPORT_GROUP_FWD_MASK = 31;
export const IFLA_BRPORT_NEIGH_SUPPRESS = 32;
export const IFLA_BRPORT_ISOLATED = 33;
export const IFLA_BRPORT_BACKUP_PORT = 34;
export const IFLA_BRPORT_MRP_RING_OPEN = 35;
export const IFLA_BRPORT_MRP_IN_OPEN = 36;
export const IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT = 37;
export const IFLA_BRPORT_MCAST_EHT_HOSTS_CNT = 38;
export const IFLA_BRPORT_LOCKED = 39;

// linux/if_link.h: IFLA_INFO_* (anonymous enum) — IFLA_LINKINFO nested attributes
export const IFLA_INFO_UNSPEC = 0;
export const IFLA_INFO_KIND = 1;
export const IFLA_INFO_DATA = 2;
export const IFLA_INFO_XSTATS = 3;
export const IFLA_INFO_SLAVE_KIND = 4;
export const IFLA_INFO_SLAVE_DATA = 5;

// linux/if_link.h: IFLA_VLAN_* (anonymous enum) — VLAN IFLA_INFO_DATA
export const IFLA_VLAN_UNSPEC = 0;
export const IFLA_VLAN_ID = 1;
export const IFLA_VLAN_FLAGS = 2;
export const IFLA_VLAN_EGRESS_QOS = 3;
export const IFLA_VLAN_INGRESS_QOS = 4;
export const IFLA_VLAN_PROTOCOL = 5;

// linux/if_link.h: IFLA_VLAN_QOS_* (anonymous enum) — VLAN QoS mappings
export const IFLA_VLAN_QOS_UNSPEC = 0;
export const IFLA_VLAN_QOS_MAPPING = 1;

// linux/if_link.h: IFLA_MACVLAN_* (anonymous enum) — MACVLAN IFLA_INFO_DATA
export const IFLA_MACVLAN_UNSPEC = 0;
export const IFLA_MACVLAN_MODE = 1;
export const IFLA_MACVLAN_FLAGS = 2;
export const IFLA_MACVLAN_MACADDR_MODE = 3;
export const IFLA_MACVLAN_MACADDR = 4;
export const IFLA_MACVLAN_MACADDR_DATA = 5;
export const IFLA_MACVLAN_MACADDR_COUNT = 6;
export const IFLA_MACVLAN_BC_QUEUE_LEN = 7;
export const IFLA_MACVLAN_BC_QUEUE_LEN_USED = 8;

// linux/if_link.h: enum macvlan_mode, MACVLAN_MODE_*
export const MACVLAN_MODE_PRIVATE = 1; // don't talk to other macvlans
export const MACVLAN_MODE_VEPA = 2; // talk to other ports through ext bridge
export const MACVLAN_MODE_BRIDGE = 4; // talk to bridge ports directly
export const MACVLAN_MODE_PASSTHRU = 8; // take over the underlying device
export const MACVLAN_MODE_SOURCE = 16; // use source MAC address list to assign

// linux/if_link.h: enum macvlan_macaddr_mode, MACVLAN_MACADDR_*
export const MACVLAN_MACADDR_ADD = 0;
export const MACVLAN_MACADDR_DEL = 1;
export const MACVLAN_MACADDR_FLUSH = 2;
export const MACVLAN_MACADDR_SET = 3;

// linux/if_link.h: MACVLAN_FLAG_* defines — IFLA_MACVLAN_FLAGS
export const MACVLAN_FLAG_NOPROMISC = 1;
export const MACVLAN_FLAG_NODST = 2; // skip dst macvlan if matching src macvlan

// linux/if_link.h: IFLA_VRF_* (anonymous enum) — VRF IFLA_INFO_DATA
export const IFLA_VRF_UNSPEC = 0;
export const IFLA_VRF_TABLE = 1;

// linux/if_link.h: IFLA_VRF_PORT_* (anonymous enum) — VRF port IFLA_INFO_SLAVE_DATA
export const IFLA_VRF_PORT_UNSPEC = 0;
export const IFLA_VRF_PORT_TABLE = 1;

// linux/if_link.h: IFLA_IPVLAN_* (anonymous enum) — IPVLAN IFLA_INFO_DATA
export const IFLA_IPVLAN_UNSPEC = 0;
export const IFLA_IPVLAN_MODE = 1;
export const IFLA_IPVLAN_FLAGS = 2;

// linux/if_link.h: enum ipvlan_mode, IPVLAN_MODE_*
export const IPVLAN_MODE_L2 = 0;
export const IPVLAN_MODE_L3 = 1;
export const IPVLAN_MODE_L3S = 2;

// linux/if_link.h: IPVLAN_F_* defines — IFLA_IPVLAN_FLAGS
export const IPVLAN_F_PRIVATE = 0x1;
export const IPVLAN_F_VEPA = 0x2;

// linux/if_link.h: IFLA_VXLAN_* (anonymous enum) — VXLAN IFLA_INFO_DATA
export const IFLA_VXLAN_UNSPEC = 0;
export const IFLA_VXLAN_ID = 1;
export const IFLA_VXLAN_GROUP = 2; // group or remote address
export const IFLA_VXLAN_LINK = 3;
export const IFLA_VXLAN_LOCAL = 4;
export const IFLA_VXLAN_TTL = 5;
export const IFLA_VXLAN_TOS = 6;
export const IFLA_VXLAN_LEARNING = 7;
export const IFLA_VXLAN_AGEING = 8;
export const IFLA_VXLAN_LIMIT = 9;
export const IFLA_VXLAN_PORT_RANGE = 10; // source port
export const IFLA_VXLAN_PROXY = 11;
export const IFLA_VXLAN_RSC = 12;
export const IFLA_VXLAN_L2MISS = 13;
export const IFLA_VXLAN_L3MISS = 14;
export const IFLA_VXLAN_PORT = 15; // destination port
export const IFLA_VXLAN_GROUP6 = 16;
export const IFLA_VXLAN_LOCAL6 = 17;
export const IFLA_VXLAN_UDP_CSUM = 18;
export const IFLA_VXLAN_UDP_ZERO_CSUM6_TX = 19;
export const IFLA_VXLAN_UDP_ZERO_CSUM6_RX = 20;
export const IFLA_VXLAN_REMCSUM_TX = 21;
export const IFLA_VXLAN_REMCSUM_RX = 22;
export const IFLA_VXLAN_GBP = 23;
export const IFLA_VXLAN_REMCSUM_NOPARTIAL = 24;
export const IFLA_VXLAN_COLLECT_METADATA = 25;
export const IFLA_VXLAN_LABEL = 26;
export const IFLA_VXLAN_GPE = 27;
export const IFLA_VXLAN_TTL_INHERIT = 28;
export const IFLA_VXLAN_DF = 29;
export const IFLA_VXLAN_VNIFILTER = 30; // only applicable with COLLECT_METADATA mode

// linux/if_link.h: enum ifla_vxlan_df, VXLAN_DF_*
export const VXLAN_DF_UNSET = 0;
export const VXLAN_DF_SET = 1;
export const VXLAN_DF_INHERIT = 2;

// linux/if_link.h: IFLA_GENEVE_* (anonymous enum) — GENEVE IFLA_INFO_DATA
export const IFLA_GENEVE_UNSPEC = 0;
export const IFLA_GENEVE_ID = 1;
export const IFLA_GENEVE_REMOTE = 2;
export const IFLA_GENEVE_TTL = 3;
export const IFLA_GENEVE_TOS = 4;
export const IFLA_GENEVE_PORT = 5; // destination port
export const IFLA_GENEVE_COLLECT_METADATA = 6;
export const IFLA_GENEVE_REMOTE6 = 7;
export const IFLA_GENEVE_UDP_CSUM = 8;
export const IFLA_GENEVE_UDP_ZERO_CSUM6_TX = 9;
export const IFLA_GENEVE_UDP_ZERO_CSUM6_RX = 10;
export const IFLA_GENEVE_LABEL = 11;
export const IFLA_GENEVE_TTL_INHERIT = 12;
export const IFLA_GENEVE_DF = 13;
export const IFLA_GENEVE_INNER_PROTO_INHERIT = 14;

// linux/if_link.h: enum ifla_geneve_df, GENEVE_DF_*
export const GENEVE_DF_UNSET = 0;
export const GENEVE_DF_SET = 1;
export const GENEVE_DF_INHERIT = 2;

// linux/if_link.h: IFLA_BOND_* (anonymous enum) — bonding IFLA_INFO_DATA
export const IFLA_BOND_UNSPEC = 0;
export const IFLA_BOND_MODE = 1;
export const IFLA_BOND_ACTIVE_SLAVE = 2;
export const IFLA_BOND_MIIMON = 3;
export const IFLA_BOND_UPDELAY = 4;
export const IFLA_BOND_DOWNDELAY = 5;
export const IFLA_BOND_USE_CARRIER = 6;
export const IFLA_BOND_ARP_INTERVAL = 7;
export const IFLA_BOND_ARP_IP_TARGET = 8;
export const IFLA_BOND_ARP_VALIDATE = 9;
export const IFLA_BOND_ARP_ALL_TARGETS = 10;
export const IFLA_BOND_PRIMARY = 11;
export const IFLA_BOND_PRIMARY_RESELECT = 12;
export const IFLA_BOND_FAIL_OVER_MAC = 13;
export const IFLA_BOND_XMIT_HASH_POLICY = 14;
export const IFLA_BOND_RESEND_IGMP = 15;
export const IFLA_BOND_NUM_PEER_NOTIF = 16;
export const IFLA_BOND_ALL_SLAVES_ACTIVE = 17;
export const IFLA_BOND_MIN_LINKS = 18;
export const IFLA_BOND_LP_INTERVAL = 19;
export const IFLA_BOND_PACKETS_PER_SLAVE = 20;
export const IFLA_BOND_AD_LACP_RATE = 21;
export const IFLA_BOND_AD_SELECT = 22;
export const IFLA_BOND_AD_INFO = 23;
export const IFLA_BOND_AD_ACTOR_SYS_PRIO = 24;
export const IFLA_BOND_AD_USER_PORT_KEY = 25;
export const IFLA_BOND_AD_ACTOR_SYSTEM = 26;
export const IFLA_BOND_TLB_DYNAMIC_LB = 27;
export const IFLA_BOND_PEER_NOTIF_DELAY = 28;
export const IFLA_BOND_AD_LACP_ACTIVE = 29;
export const IFLA_BOND_MISSED_MAX = 30;
export const IFLA_BOND_NS_IP6_TARGET = 31;
export const IFLA_BOND_COUPLED_CONTROL = 32;

// linux/if_link.h: XDP_FLAGS_* defines — IFLA_XDP_FLAGS
export const XDP_FLAGS_UPDATE_IF_NOEXIST = 0x1;
export const XDP_FLAGS_SKB_MODE = 0x2;
export const XDP_FLAGS_DRV_MODE = 0x4;
export const XDP_FLAGS_HW_MODE = 0x8;
export const XDP_FLAGS_REPLACE = 0x10;

// linux/if_link.h: XDP_ATTACHED_* (anonymous enum) — IFLA_XDP_ATTACHED values
export const XDP_ATTACHED_NONE = 0;
export const XDP_ATTACHED_DRV = 1;
export const XDP_ATTACHED_SKB = 2;
export const XDP_ATTACHED_HW = 3;
export const XDP_ATTACHED_MULTI = 4;

// linux/if_link.h: IFLA_XDP_* (anonymous enum) — IFLA_XDP nested attributes
export const IFLA_XDP_UNSPEC = 0;
export const IFLA_XDP_FD = 1;
export const IFLA_XDP_ATTACHED = 2;
export const IFLA_XDP_FLAGS = 3;
export const IFLA_XDP_PROG_ID = 4;
export const IFLA_XDP_DRV_PROG_ID = 5;
export const IFLA_XDP_SKB_PROG_ID = 6;
export const IFLA_XDP_HW_PROG_ID = 7;
export const IFLA_XDP_EXPECTED_FD = 8;

// linux/if_link.h: IFLA_TUN_* (anonymous enum) — TUN/TAP IFLA_INFO_DATA
export const IFLA_TUN_UNSPEC = 0;
export const IFLA_TUN_OWNER = 1;
export const IFLA_TUN_GROUP = 2;
export const IFLA_TUN_TYPE = 3;
export const IFLA_TUN_PI = 4;
export const IFLA_TUN_VNET_HDR = 5;
export const IFLA_TUN_PERSIST = 6;
export const IFLA_TUN_MULTI_QUEUE = 7;
export const IFLA_TUN_NUM_QUEUES = 8;
export const IFLA_TUN_NUM_DISABLED_QUEUES = 9;

// linux/if_tunnel.h: IFLA_IPTUN_* (anonymous enum) — ipip/sit/ip6tnl IFLA_INFO_DATA
export const IFLA_IPTUN_UNSPEC = 0;
export const IFLA_IPTUN_LINK = 1;
export const IFLA_IPTUN_LOCAL = 2;
export const IFLA_IPTUN_REMOTE = 3;
export const IFLA_IPTUN_TTL = 4;
export const IFLA_IPTUN_TOS = 5;
export const IFLA_IPTUN_ENCAP_LIMIT = 6;
export const IFLA_IPTUN_FLOWINFO = 7;
export const IFLA_IPTUN_FLAGS = 8;
export const IFLA_IPTUN_PROTO = 9;
export const IFLA_IPTUN_PMTUDISC = 10;
export const IFLA_IPTUN_6RD_PREFIX = 11;
export const IFLA_IPTUN_6RD_RELAY_PREFIX = 12;
export const IFLA_IPTUN_6RD_PREFIXLEN = 13;
export const IFLA_IPTUN_6RD_RELAY_PREFIXLEN = 14;
export const IFLA_IPTUN_ENCAP_TYPE = 15;
export const IFLA_IPTUN_ENCAP_FLAGS = 16;
export const IFLA_IPTUN_ENCAP_SPORT = 17;
export const IFLA_IPTUN_ENCAP_DPORT = 18;
export const IFLA_IPTUN_COLLECT_METADATA = 19;
export const IFLA_IPTUN_FWMARK = 20;

// linux/if_tunnel.h: IFLA_GRE_* (anonymous enum) — GRE IFLA_INFO_DATA
export const IFLA_GRE_UNSPEC = 0;
export const IFLA_GRE_LINK = 1;
export const IFLA_GRE_IFLAGS = 2;
export const IFLA_GRE_OFLAGS = 3;
export const IFLA_GRE_IKEY = 4;
export const IFLA_GRE_OKEY = 5;
export const IFLA_GRE_LOCAL = 6;
export const IFLA_GRE_REMOTE = 7;
export const IFLA_GRE_TTL = 8;
export const IFLA_GRE_TOS = 9;
export const IFLA_GRE_PMTUDISC = 10;
export const IFLA_GRE_ENCAP_LIMIT = 11;
export const IFLA_GRE_FLOWINFO = 12;
export const IFLA_GRE_FLAGS = 13;
export const IFLA_GRE_ENCAP_TYPE = 14;
export const IFLA_GRE_ENCAP_FLAGS = 15;
export const IFLA_GRE_ENCAP_SPORT = 16;
export const IFLA_GRE_ENCAP_DPORT = 17;
export const IFLA_GRE_COLLECT_METADATA = 18;
export const IFLA_GRE_IGNORE_DF = 19;
export const IFLA_GRE_FWMARK = 20;
export const IFLA_GRE_ERSPAN_INDEX = 21;
export const IFLA_GRE_ERSPAN_VER = 22;
export const IFLA_GRE_ERSPAN_DIR = 23;
export const IFLA_GRE_ERSPAN_HWID = 24;

// linux/if_tunnel.h: IFLA_VTI_* (anonymous enum) — VTI IFLA_INFO_DATA
export const IFLA_VTI_UNSPEC = 0;
export const IFLA_VTI_LINK = 1;
export const IFLA_VTI_IKEY = 2;
export const IFLA_VTI_OKEY = 3;
export const IFLA_VTI_LOCAL = 4;
export const IFLA_VTI_REMOTE = 5;
export const IFLA_VTI_FWMARK = 6;

// linux/if_addr.h: IFA_* (anonymous enum) — address attributes
export const IFA_UNSPEC = 0;
export const IFA_ADDRESS = 1;
export const IFA_LOCAL = 2;
export const IFA_LABEL = 3;
export const IFA_BROADCAST = 4;
export const IFA_ANYCAST = 5;
export const IFA_CACHEINFO = 6;
export const IFA_MULTICAST = 7;
export const IFA_FLAGS = 8;
export const IFA_RT_PRIORITY = 9; // u32, priority/metric for prefix route
export const IFA_TARGET_NETNSID = 10;
export const IFA_PROTO = 11; // u8, address protocol

// linux/if_addr.h: IFA_F_* defines — ifa_flags
export const IFA_F_SECONDARY = 0x1;
export const IFA_F_TEMPORARY = IFA_F_SECONDARY;
export const IFA_F_NODAD = 0x2;
export const IFA_F_OPTIMISTIC = 0x4;
export const IFA_F_DADFAILED = 0x8;
export const IFA_F_HOMEADDRESS = 0x10;
export const IFA_F_DEPRECATED = 0x20;
export const IFA_F_TENTATIVE = 0x40;
export const IFA_F_PERMANENT = 0x80;
export const IFA_F_MANAGETEMPADDR = 0x100;
export const IFA_F_NOPREFIXROUTE = 0x200;
export const IFA_F_MCAUTOJOIN = 0x400;
export const IFA_F_STABLE_PRIVACY = 0x800;

// linux/if_addr.h: IFAPROT_* defines — ifa_proto
export const IFAPROT_UNSPEC = 0;
export const IFAPROT_KERNEL_LO = 1; // loopback
export const IFAPROT_KERNEL_RA = 2; // set by kernel from router announcement
export const IFAPROT_KERNEL_LL = 3; // link-local set by kernel

// linux/neighbour.h: NDA_* (anonymous enum) — neighbour attributes
export const NDA_UNSPEC = 0;
export const NDA_DST = 1;
export const NDA_LLADDR = 2;
export const NDA_CACHEINFO = 3;
export const NDA_PROBES = 4;
export const NDA_VLAN = 5;
export const NDA_PORT = 6;
export const NDA_VNI = 7;
export const NDA_IFINDEX = 8;
export const NDA_MASTER = 9;
export const NDA_LINK_NETNSID = 10;
export const NDA_SRC_VNI = 11;
export const NDA_PROTOCOL = 12; // Originator of entry
export const NDA_NH_ID = 13;
export const NDA_FDB_EXT_ATTRS = 14;
export const NDA_FLAGS_EXT = 15;
export const NDA_NDM_STATE_MASK = 16;
export const NDA_NDM_FLAGS_MASK = 17;

// linux/neighbour.h: NTF_* defines — ndm_flags
export const NTF_USE = 0x1;
export const NTF_SELF = 0x2;
export const NTF_MASTER = 0x4;
export const NTF_PROXY = 0x8; // == ATF_PUBL
export const NTF_EXT_LEARNED = 0x10;
export const NTF_OFFLOADED = 0x20;
export const NTF_STICKY = 0x40;
export const NTF_ROUTER = 0x80;

// linux/neighbour.h: NTF_EXT_MANAGED — NDA_FLAGS_EXT bits
export const NTF_EXT_MANAGED = 0x1;

// linux/neighbour.h: NUD_* defines — ndm_state
export const NUD_INCOMPLETE = 0x1;
export const NUD_REACHABLE = 0x2;
export const NUD_STALE = 0x4;
export const NUD_DELAY = 0x8;
export const NUD_PROBE = 0x10;
export const NUD_FAILED = 0x20;
export const NUD_NOARP = 0x40;
export const NUD_PERMANENT = 0x80;
export const NUD_NONE = 0x0;

// linux/net_namespace.h: NETNSA_* (anonymous enum) — RTM_NEWNSID/RTM_GETNSID attributes
export const NETNSA_NONE = 0;
export const NETNSA_NSID = 1;
export const NETNSA_PID = 2;
export const NETNSA_FD = 3;
export const NETNSA_TARGET_NSID = 4;
export const NETNSA_CURRENT_NSID = 5;

// linux/net_namespace.h: NETNSA_NSID_NOT_ASSIGNED — NETNSA_NSID value of an unassigned nsid
export const NETNSA_NSID_NOT_ASSIGNED = -1;

// linux/veth.h: VETH_INFO_* (anonymous enum) — veth IFLA_INFO_DATA
export const VETH_INFO_UNSPEC = 0;
export const VETH_INFO_PEER = 1;

// linux/if_bridge.h: BRIDGE_FLAGS_* defines — IFLA_BRIDGE_FLAGS values
export const BRIDGE_FLAGS_MASTER = 1; // Bridge command to/from master
export const BRIDGE_FLAGS_SELF = 2; // Bridge command to/from lowerdev

// linux/if_bridge.h: BRIDGE_MODE_* defines — IFLA_BRIDGE_MODE values
export const BRIDGE_MODE_VEB = 0; // Default loopback mode
export const BRIDGE_MODE_VEPA = 1; // 802.1Qbg defined VEPA mode
export const BRIDGE_MODE_UNDEF = 0xffff; // mode undefined

// linux/if_bridge.h: IFLA_BRIDGE_* (anonymous enum) — AF_BRIDGE IFLA_AF_SPEC attributes
export const IFLA_BRIDGE_FLAGS = 0;
export const IFLA_BRIDGE_MODE = 1;
export const IFLA_BRIDGE_VLAN_INFO = 2;
export const IFLA_BRIDGE_VLAN_TUNNEL_INFO = 3;
export const IFLA_BRIDGE_MRP = 4;
export const IFLA_BRIDGE_CFM = 5;
export const IFLA_BRIDGE_MST = 6;

// linux/if_bridge.h: BRIDGE_VLAN_INFO_* defines — bridge_vlan_info flags
export const BRIDGE_VLAN_INFO_MASTER = 0x1; // Operate on Bridge device as well
export const BRIDGE_VLAN_INFO_PVID = 0x2; // VLAN is PVID, ingress untagged
export const BRIDGE_VLAN_INFO_UNTAGGED = 0x4; // VLAN egresses untagged
export const BRIDGE_VLAN_INFO_RANGE_BEGIN = 0x8; // VLAN is start of vlan range
export const BRIDGE_VLAN_INFO_RANGE_END = 0x10; // VLAN is end of vlan range
export const BRIDGE_VLAN_INFO_BRENTRY = 0x20; // Global bridge VLAN entry
export const BRIDGE_VLAN_INFO_ONLY_OPTS = 0x40; // Skip create/delete/flags

// linux/if_arp.h: ARPHRD_* defines — ARP protocol hardware identifiers (ifi_type)
export const ARPHRD_NETROM = 0; // from KA9Q: NET/ROM pseudo
export const ARPHRD_ETHER = 1; // Ethernet 10Mbps
export const ARPHRD_EETHER = 2; // Experimental Ethernet
export const ARPHRD_AX25 = 3; // AX.25 Level 2
export const ARPHRD_PRONET = 4; // PROnet token ring
export const ARPHRD_CHAOS = 5; // Chaosnet
export const ARPHRD_IEEE802 = 6; // IEEE 802.2 Ethernet/TR/TB
export const ARPHRD_ARCNET = 7; // ARCnet
export const ARPHRD_APPLETLK = 8; // APPLEtalk
export const ARPHRD_DLCI = 15; // Frame Relay DLCI
export const ARPHRD_ATM = 19; // ATM
export const ARPHRD_METRICOM = 23; // Metricom STRIP (new IANA id)
export const ARPHRD_IEEE1394 = 24; // IEEE 1394 IPv4 - RFC 2734
export const ARPHRD_EUI64 = 27; // EUI-64
export const ARPHRD_INFINIBAND = 32; // InfiniBand
export const ARPHRD_SLIP = 256;
export const ARPHRD_CSLIP = 257;
export const ARPHRD_SLIP6 = 258;
export const ARPHRD_CSLIP6 = 259;
export const ARPHRD_RSRVD = 260; // Notional KISS type
export const ARPHRD_ADAPT = 264;
export const ARPHRD_ROSE = 270;
export const ARPHRD_X25 = 271; // CCITT X.25
export const ARPHRD_HWX25 = 272; // Boards with X.25 in firmware
export const ARPHRD_CAN = 280; // Controller Area Network
export const ARPHRD_MCTP = 290;
export const ARPHRD_PPP = 512;
export const ARPHRD_CISCO = 513; // Cisco HDLC
export const ARPHRD_HDLC = ARPHRD_CISCO;
export const ARPHRD_LAPB = 516; // LAPB
export const ARPHRD_DDCMP = 517; // Digital's DDCMP protocol
export const ARPHRD_RAWHDLC = 518; // Raw HDLC
export const ARPHRD_RAWIP = 519; // Raw IP
export const ARPHRD_TUNNEL = 768; // IPIP tunnel
export const ARPHRD_TUNNEL6 = 769; // IP6IP6 tunnel
export const ARPHRD_FRAD = 770; // Frame Relay Access Device
export const ARPHRD_SKIP = 771; // SKIP vif
export const ARPHRD_LOOPBACK = 772; // Loopback device
export const ARPHRD_LOCALTLK = 773; // Localtalk device
export const ARPHRD_FDDI = 774; // Fiber Distributed Data Interface
export const ARPHRD_BIF = 775; // AP1000 BIF
export const ARPHRD_SIT = 776; // sit0 device - IPv6-in-IPv4
export const ARPHRD_IPDDP = 777; // IP over DDP tunneller
export const ARPHRD_IPGRE = 778; // GRE over IP
export const ARPHRD_PIMREG = 779; // PIMSM register interface
export const ARPHRD_HIPPI = 780; // High Performance Parallel Interface
export const ARPHRD_ASH = 781; // Nexus 64Mbps Ash
export const ARPHRD_ECONET = 782; // Acorn Econet
export const ARPHRD_IRDA = 783; // Linux-IrDA
export const ARPHRD_FCPP = 784; // Point to point fibrechannel
export const ARPHRD_FCAL = 785; // Fibrechannel arbitrated loop
export const ARPHRD_FCPL = 786; // Fibrechannel public loop
export const ARPHRD_FCFABRIC = 787; // Fibrechannel fabric
export const ARPHRD_IEEE802_TR = 800; // Magic type ident for TR
export const ARPHRD_IEEE80211 = 801; // IEEE 802.11
export const ARPHRD_IEEE80211_PRISM = 802; // IEEE 802.11 + Prism2 header
export const ARPHRD_IEEE80211_RADIOTAP = 803; // IEEE 802.11 + radiotap header
export const ARPHRD_IEEE802154 = 804;
export const ARPHRD_IEEE802154_MONITOR = 805; // IEEE 802.15.4 network monitor
export const ARPHRD_PHONET = 820; // PhoNet media type
export const ARPHRD_PHONET_PIPE = 821; // PhoNet pipe header
export const ARPHRD_CAIF = 822; // CAIF media type
export const ARPHRD_IP6GRE = 823; // GRE over IPv6
export const ARPHRD_NETLINK = 824; // Netlink header
export const ARPHRD_6LOWPAN = 825; // IPv6 over LoWPAN
export const ARPHRD_VSOCKMON = 826; // Vsock monitor header
export const ARPHRD_VOID = 0xffff; // Void type, nothing is known
export const ARPHRD_NONE = 0xfffe; // zero header length

// linux/if.h: IFNAMSIZ, IFALIASZ, ALTIFNAMSIZ — name sizes
export const IFNAMSIZ = 16;
export const IFALIASZ = 256;
export const ALTIFNAMSIZ = 128;

// linux/if.h: enum net_device_flags, IFF_* — ifi_flags
export const IFF_UP = 0x1; // sysfs
export const IFF_BROADCAST = 0x2; // __volatile__
export const IFF_DEBUG = 0x4; // sysfs
export const IFF_LOOPBACK = 0x8; // __volatile__
export const IFF_POINTOPOINT = 0x10; // __volatile__
export const IFF_NOTRAILERS = 0x20; // sysfs
export const IFF_RUNNING = 0x40; // __volatile__
export const IFF_NOARP = 0x80; // sysfs
export const IFF_PROMISC = 0x100; // sysfs
export const IFF_ALLMULTI = 0x200; // sysfs
export const IFF_MASTER = 0x400; // __volatile__
export const IFF_SLAVE = 0x800; // __volatile__
export const IFF_MULTICAST = 0x1000; // sysfs
export const IFF_PORTSEL = 0x2000; // sysfs
export const IFF_AUTOMEDIA = 0x4000; // sysfs
export const IFF_DYNAMIC = 0x8000; // sysfs
export const IFF_LOWER_UP = 0x10000; // __volatile__
export const IFF_DORMANT = 0x20000; // __volatile__
export const IFF_ECHO = 0x40000; // __volatile__

// linux/if.h: IF_OPER_* (anonymous enum) — IFLA_OPERSTATE (RFC 2863 operational status)
export const IF_OPER_UNKNOWN = 0;
export const IF_OPER_NOTPRESENT = 1;
export const IF_OPER_DOWN = 2;
export const IF_OPER_LOWERLAYERDOWN = 3;
export const IF_OPER_TESTING = 4;
export const IF_OPER_DORMANT = 5;
export const IF_OPER_UP = 6;

// linux/if.h: IF_LINK_MODE_* (anonymous enum) — IFLA_LINKMODE
export const IF_LINK_MODE_DEFAULT = 0;
export const IF_LINK_MODE_DORMANT = 1; // limit upward transition to dormant
export const IF_LINK_MODE_TESTING = 2; // limit upward transition to testing

// linux/netconf.h: struct netconfmsg attributes (RTM_*NETCONF), NETCONFA_*
export const NETCONFA_UNSPEC = 0;
export const NETCONFA_IFINDEX = 1;
export const NETCONFA_FORWARDING = 2;
export const NETCONFA_RP_FILTER = 3;
export const NETCONFA_MC_FORWARDING = 4;
export const NETCONFA_PROXY_NEIGH = 5;
export const NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN = 6;
export const NETCONFA_INPUT = 7;
export const NETCONFA_BC_FORWARDING = 8;
export const NETCONFA_IFINDEX_ALL = -1;
export const NETCONFA_IFINDEX_DEFAULT = -2;

// linux/fib_rules.h: struct fib_rule_hdr flags, FRA_* attributes and FR_ACT_* actions (RTM_*RULE)
export const FIB_RULE_PERMANENT = 0x00000001;
export const FIB_RULE_INVERT = 0x00000002;
export const FIB_RULE_UNRESOLVED = 0x00000004;
export const FIB_RULE_IIF_DETACHED = 0x00000008;
export const FIB_RULE_DEV_DETACHED = FIB_RULE_IIF_DETACHED;
export const FIB_RULE_OIF_DETACHED = 0x00000010;
export const FIB_RULE_FIND_SADDR = 0x00010000;
export const FRA_UNSPEC = 0;
export const FRA_DST = 1;
export const FRA_SRC = 2;
export const FRA_IIFNAME = 3;
export const FRA_IFNAME = FRA_IIFNAME;
export const FRA_GOTO = 4;
export const FRA_UNUSED2 = 5;
export const FRA_PRIORITY = 6;
export const FRA_UNUSED3 = 7;
export const FRA_UNUSED4 = 8;
export const FRA_UNUSED5 = 9;
export const FRA_FWMARK = 10;
export const FRA_FLOW = 11;
export const FRA_TUN_ID = 12;
export const FRA_SUPPRESS_IFGROUP = 13;
export const FRA_SUPPRESS_PREFIXLEN = 14;
export const FRA_TABLE = 15;
export const FRA_FWMASK = 16;
export const FRA_OIFNAME = 17;
export const FRA_PAD = 18;
export const FRA_L3MDEV = 19;
export const FRA_UID_RANGE = 20;
export const FRA_PROTOCOL = 21;
export const FRA_IP_PROTO = 22;
export const FRA_SPORT_RANGE = 23;
export const FRA_DPORT_RANGE = 24;
export const FR_ACT_UNSPEC = 0;
export const FR_ACT_TO_TBL = 1;
export const FR_ACT_GOTO = 2;
export const FR_ACT_NOP = 3;
export const FR_ACT_RES3 = 4;
export const FR_ACT_RES4 = 5;
export const FR_ACT_BLACKHOLE = 6;
export const FR_ACT_UNREACHABLE = 7;
export const FR_ACT_PROHIBIT = 8;

// linux/nexthop.h: struct nhmsg / struct nexthop_grp, NHA_*, NHA_RES_GROUP_*, NHA_RES_BUCKET_* (RTM_*NEXTHOP)
export const NEXTHOP_GRP_TYPE_MPATH = 0;
export const NEXTHOP_GRP_TYPE_RES = 1;
export const NHA_UNSPEC = 0;
export const NHA_ID = 1;
export const NHA_GROUP = 2;
export const NHA_GROUP_TYPE = 3;
export const NHA_BLACKHOLE = 4;
export const NHA_OIF = 5;
export const NHA_GATEWAY = 6;
export const NHA_ENCAP_TYPE = 7;
export const NHA_ENCAP = 8;
export const NHA_GROUPS = 9;
export const NHA_MASTER = 10;
export const NHA_FDB = 11;
export const NHA_RES_GROUP = 12;
export const NHA_RES_BUCKET = 13;
export const NHA_RES_GROUP_PAD = 0;
export const NHA_RES_GROUP_BUCKETS = 1;
export const NHA_RES_GROUP_IDLE_TIMER = 2;
export const NHA_RES_GROUP_UNBALANCED_TIMER = 3;
export const NHA_RES_GROUP_UNBALANCED_TIME = 4;
export const NHA_RES_BUCKET_PAD = 0;
export const NHA_RES_BUCKET_INDEX = 1;
export const NHA_RES_BUCKET_IDLE_TIME = 2;
export const NHA_RES_BUCKET_NH_ID = 3;

// linux/if_addrlabel.h: struct ifaddrlblmsg attributes (RTM_*ADDRLABEL), IFAL_*
export const IFAL_ADDRESS = 1;
export const IFAL_LABEL = 2;
