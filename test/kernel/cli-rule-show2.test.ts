// The second half of cli-rule-show.test.ts's selectors (one file would outlast tap's timeout under load).
process.env.RULE_SHOW_PART = '1';
await import('./cli-rule-show.test.js');
