/**
 * Call order is wire order: the requests a handle's services are asked for reach the kernel in
 * the order the calls were made, even when some of them first have to look a device name up.
 *
 * Each call takes a ticket when it is made. A call that has everything it needs (numbers, or
 * names this handle already knows) sends at once if no earlier call is still waiting, so the
 * common case costs nothing and requests issued in one tick still leave in one datagram. A call
 * that must look something up waits for its turn (every earlier call sent), looks up, and sends;
 * later calls queue behind it and are sent the moment it is, in the same synchronous run.
 * Sent means handed to the socket, whose queue is first in, first out into sendto(), and the
 * kernel runs the messages of a datagram, and datagrams, in order.
 */

/** Tickets and turns of one handle. */
export class CallOrder {
  private issued = 0;
  /** Every ticket below this one has been sent (or given up). */
  private sent = 0;
  /** Senders of tickets whose turn has not come, by ticket. */
  private readonly waiting = new Map<number, () => void>();
  /** Callers of turn(), by the ticket whose predecessors they wait for. */
  private readonly turns = new Map<number, (() => void)[]>();

  /**
   * Runs one call: `prep` builds what to send (synchronously when it can; it may await `turn()`
   * before a lookup, so the lookup sees every earlier call's effect), then `send` hands it to the
   * socket once every earlier call has. A `prep` that fails gives up its turn.
   */
  run<P, T>(prep: (turn: () => Promise<void>) => P | Promise<P>, send: (p: P) => Promise<T>): Promise<T> {
    const ticket = this.issued++;
    let p: P | Promise<P>;
    try {
      p = prep(() => this.turn(ticket));
    } catch (e) {
      this.release(ticket, () => {});
      return Promise.reject(e);
    }
    if (!(p instanceof Promise)) return this.sendInTurn(ticket, () => send(p as P));
    return p.then((v) => this.sendInTurn(ticket, () => send(v)), (e: unknown) => {
      this.release(ticket, () => {});
      throw e;
    });
  }

  /** No call waits: one that has everything it needs may be sent at once, after pass(). */
  get idle(): boolean {
    return this.issued === this.sent;
  }

  /**
   * Takes a ticket and spends it at once, for a call sent right away while idle: what run()
   * does for such a call, without the two closures and the promise per call (perf: pipelined
   * requests). Nothing can wait on the ticket: waiting needs an unsent call before it.
   */
  pass(): void {
    if (this.issued !== this.sent) throw new Error('CallOrder.pass() while calls wait');
    this.issued++;
    this.sent++;
  }

  /** Resolves when every call before `ticket` has been sent. */
  turn(ticket: number): Promise<void> {
    if (ticket <= this.sent) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.turns.get(ticket);
      if (list) list.push(resolve);
      else this.turns.set(ticket, [resolve]);
    });
  }

  private sendInTurn<T>(ticket: number, send: () => Promise<T>): Promise<T> {
    if (ticket === this.sent) {
      const r = send();
      this.advance();
      return r;
    }
    return new Promise<T>((resolve, reject) => this.waiting.set(ticket, () => send().then(resolve, reject)));
  }

  private release(ticket: number, send: () => void): void {
    if (ticket === this.sent) { send(); this.advance(); } else this.waiting.set(ticket, send);
  }

  /** The current ticket was sent: send every following one that is ready, in order. */
  private advance(): void {
    this.sent++;
    for (;;) {
      const wake = this.turns.get(this.sent);
      if (wake) { this.turns.delete(this.sent); for (const w of wake) w(); }
      const next = this.waiting.get(this.sent);
      if (!next) return;
      this.waiting.delete(this.sent);
      next();
      this.sent++;
    }
  }
}
