/** Loads golden fixtures: test/fixtures/NAME.hex, `#` comment lines then hex bytes. */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixtures folder (tests run from dist/test, fixtures stay in test/fixtures). */
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures');

/** The bytes of a fixture file, comments and whitespace stripped. */
export function fixture(name: string): Buffer {
  const text = readFileSync(join(FIXTURES_DIR, name.endsWith('.hex') ? name : `${name}.hex`), 'utf8');
  const hex = text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('').replace(/\s+/g, '');
  return Buffer.from(hex, 'hex');
}

/** The message body of a one-message fixture (the bytes after its 16-byte nlmsghdr). */
export function fixtureBody(name: string): Buffer {
  return fixture(name).subarray(16);
}
