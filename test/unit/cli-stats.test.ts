// ip -s / -s -s link counters: column layout and JSON keys, against text ip 6.1 printed for a veth
// (rx 516 B/6 pkts, tx 596 B/6 pkts, 5 tx drops, 2 carrier changes).
import t from 'tap';
import { statsJson, statsText } from '../../src/cli/print/link-stats.js';

const s = { rx_bytes: 516, rx_packets: 6, tx_bytes: 596, tx_packets: 6, tx_dropped: 5 };

t.equal(statsText(s, 2, 2), `
    RX:  bytes packets errors dropped  missed   mcast           
           516       6      0       0       0       0 
    RX errors:  length    crc   frame    fifo overrun
                     0      0       0       0       0 
    TX:  bytes packets errors dropped carrier collsns           
           596       6      0       5       0       0 
    TX errors: aborted   fifo  window heartbt transns
                     0      0       0       0       2 `);

t.equal(statsText({ rx_bytes: 123456789012n, rx_packets: 12 }, 1),
  // ip's "    RX: %*s" with cols[0]-4 and "%*llu " with cols[0], cols[0] grown to 12 digits.
  '\n    RX:    bytes packets errors dropped  missed   mcast           \n    123456789012      12      0       0       0       0 ' +
  '\n    TX:    bytes packets errors dropped carrier collsns           \n               0       0      0       0       0       0 ',
  'a wide column widens its header');

t.same(statsJson(s, 1), {
  rx: { bytes: 516, packets: 6, errors: 0, dropped: 0, over_errors: 0, multicast: 0 },
  tx: { bytes: 596, packets: 6, errors: 0, dropped: 5, carrier_errors: 0, collisions: 0 },
});
t.same(Object.keys(statsJson(s, 2, 2).tx as object), ['bytes', 'packets', 'errors', 'dropped', 'carrier_errors', 'collisions',
  'aborted_errors', 'fifo_errors', 'window_errors', 'heartbeat_errors', 'carrier_changes']);
