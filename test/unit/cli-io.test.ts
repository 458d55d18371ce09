// The CLI's writers (src/cli/io.ts fdWriter): write(2) on fd 1/2 instead of Node's streams, which
// cost start-up (bench/README.md section 5); partial writes completed, a non-blocking fd handed
// to Node's stream from the first EAGAIN on (in order), and a reader that went away ending the
// process quietly with 0, as ip ends on SIGPIPE.
import t from 'tap';
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { fdWriter } from '../../src/cli/io.js';

const errno = (code: string) => Object.assign(new Error(code), { code });

t.test('partial writes are completed, in order', async (t) => {
  const got: string[] = [];
  const w = fdWriter(1, (_fd, b) => { const n = Math.min(3, b.length); got.push(Buffer.from(b.subarray(0, n)).toString()); return n; });
  w('hello world'); w(Buffer.from('!'));
  t.equal(got.join(''), 'hello world!');
  t.ok(got.length > 3, 'several write calls');
});

t.test('EAGAIN: the rest and everything after goes through the stream, in order', async (t) => {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  let calls = 0;
  const direct: string[] = [];
  const w = fdWriter(1, (_fd, b) => {
    if (++calls === 2) throw errno('EAGAIN');
    const n = Math.min(4, b.length); direct.push(Buffer.from(b.subarray(0, n)).toString()); return n;
  }, () => sink);
  w('abcdefgh'); w('ij');
  await new Promise((r) => setImmediate(r));
  t.equal(direct.join('') + Buffer.concat(chunks).toString(), 'abcdefghij');
  t.equal(calls, 2, 'write(2) is not tried again once the stream took over');
});

t.test('other errors are thrown', async (t) => {
  const w = fdWriter(2, () => { throw errno('EIO'); }, () => { throw new Error('no stream'); });
  t.throws(() => w('x'), { code: 'EIO' });
});

t.test('EPIPE (the reader went away) ends the process with 0 and nothing on stderr', async (t) => {
  const io = new URL('../../src/cli/io.js', import.meta.url).href;
  const child = spawn(process.execPath, ['--input-type=module', '-e', `const { io } = await import(${JSON.stringify(io)}); io.out('x'.repeat(1 << 20)); io.out('more'); process.exitCode = 3;`], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy(); // the reader is gone before the first write
  let err = '';
  child.stderr.on('data', (c: Buffer) => { err += c; });
  const code = await new Promise((r) => child.on('close', r));
  t.equal(code, 0);
  t.equal(err, '');
});
