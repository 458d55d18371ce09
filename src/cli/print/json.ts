/**
 * JSON text the way iproute2's json_writer spells it: compact (`[{"a":1}]`) or, with -p,
 * its own pretty layout (4-space indent, `[ {`, `[ "UP" ]`, `} ]`), so `ip -j -p` and
 * `nlctl -j -p` outputs are byte-comparable.
 */

/**
 * A number printed exactly as given, for the few values iproute2 writes with its own printf
 * format (bridge timers: `"hello_timer":0.00`), so outputs stay byte-comparable.
 */
export class JsonRaw {
  constructor(readonly text: string) {}
  /** The value JSON.parse would give. */
  toJSON(): number { return Number(this.text); }
}

/** A JSON value as nlctl prints it; bigints print as integers, undefined keys are skipped. */
export type JsonValue = string | number | bigint | boolean | null | undefined | JsonRaw | JsonValue[] | { [k: string]: JsonValue };

/** Serializes `v` compactly, or in iproute2's pretty layout. */
export function toJson(v: JsonValue, pretty = false): string {
  const w = new JsonWriter(pretty);
  w.value(v);
  return w.out;
}

// A transcription of json_writer's state machine (separator pending, depth), so the pretty
// layout's quirks (a space after '[', none after '{') come out the same.
class JsonWriter {
  out = '';
  private depth = 0;
  private sep = '';
  constructor(private readonly pretty: boolean) {}

  private eor(): void { this.out += this.sep; this.sep = ','; }
  private eol(): void { if (this.pretty) this.out += '\n' + '    '.repeat(this.depth); }
  private begin(c: string): void { this.eor(); this.out += c; this.depth++; this.sep = ''; }
  private end(c: string): void { this.depth--; if (this.sep) this.eol(); this.out += c; this.sep = ','; }

  value(v: JsonValue): void {
    if (v instanceof JsonRaw) {
      this.eor();
      this.out += v.text;
    } else if (Array.isArray(v)) {
      this.begin('[');
      if (this.pretty) this.out += ' ';
      for (const x of v) this.value(x);
      if (this.pretty && this.sep) this.out += ' ';
      this.sep = '';
      this.end(']');
    } else if (v !== null && typeof v === 'object') {
      this.begin('{');
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue;
        this.eor();
        this.eol();
        this.sep = '';
        this.out += JSON.stringify(k) + (this.pretty ? ': ' : ':');
        this.value(x);
      }
      this.end('}');
    } else {
      this.eor();
      this.out += typeof v === 'bigint' ? v.toString() : v === undefined ? 'null' : JSON.stringify(v);
    }
  }
}
