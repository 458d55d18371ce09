/**
 * A first-in, first-out queue whose shift() is O(1): an array read from a moving head, compacted
 * when the head has passed half of it. Array.prototype.shift() moves every element left, so a
 * socket with 40,000 pipelined requests queued spent most of its time there (bench/README.md
 * section 8: `flush` 651 ms self of a 2 s profile). Also the events a monitor holds for its reader.
 */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The oldest item, removed; undefined when empty. */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined; // no reference kept to what left
    if (this.head === this.items.length) { this.items = []; this.head = 0; }
    else if (this.head >= 1024 && this.head * 2 >= this.items.length) { this.items = this.items.slice(this.head); this.head = 0; }
    return item;
  }

  /** Removes the first item for which `match` is true; returns whether one was. */
  remove(match: (item: T) => boolean): boolean {
    for (let i = this.head; i < this.items.length; i++) {
      if (match(this.items[i] as T)) { this.items.splice(i, 1); return true; }
    }
    return false;
  }

  /** Takes every item out, oldest first. */
  drain(): T[] {
    const out = this.items.slice(this.head) as T[];
    this.items = [];
    this.head = 0;
    return out;
  }
}
