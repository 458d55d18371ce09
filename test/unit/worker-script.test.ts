// The namespace worker starts from the build's one-file bundle (dist/src/ns/worker.bundle.cjs)
// when it is not older than worker.js, else from worker.js: a bare `tsc` after a change must not
// start the worker as it was before. And the bundle the build made is a worker that answers.
import t from 'tap';
import { mkdtempSync, rmSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { Executor, workerScript } from '../../src/ns/executor.js';

t.test('the bundle when it is as new as worker.js; worker.js when the bundle is older or missing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'nlctl-worker-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const url = pathToFileURL(dir + '/');
  writeFileSync(join(dir, 'worker.js'), '');
  t.equal(fileURLToPath(workerScript(url)), join(dir, 'worker.js'), 'no bundle');
  writeFileSync(join(dir, 'worker.bundle.cjs'), '');
  utimesSync(join(dir, 'worker.js'), 1000, 1000);
  t.equal(fileURLToPath(workerScript(url)), join(dir, 'worker.bundle.cjs'), 'bundle newer');
  utimesSync(join(dir, 'worker.bundle.cjs'), 500, 500);
  t.equal(fileURLToPath(workerScript(url)), join(dir, 'worker.js'), 'bundle older than worker.js');
});

t.test('the build made the bundle; a worker started from it answers', async (t) => {
  const script = workerScript();
  t.match(script.pathname, /\/worker\.bundle\.cjs$/, 'the build\'s bundle is chosen');
  t.ok(statSync(script).size < 64 * 1024, 'and stays small');
  const ex = new Executor();
  t.teardown(() => ex.shutdown());
  t.match(await ex.post({ op: 'whoami', args: [] }), /^net:\[\d+\]$/);
});
