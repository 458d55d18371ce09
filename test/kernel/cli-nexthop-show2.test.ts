// The second half of cli-nexthop-show.test.ts's lines (one file would outlast tap's timeout under load).
process.env.NH_SHOW_PART = '1';
await import('./cli-nexthop-show.test.js');
