/**
 * The GraphQL requests an app is serving, each counted from the moment it reaches its handler until
 * the handler has finished: answered, or found its caller gone. A caller that disconnects does not
 * end the work it started (the resolver still reads, decides and writes its audit entry), so shutdown
 * waits for `settled()` before it closes the database: otherwise that work is cut off half-way, its
 * audit write failing on a closed pool.
 */
export class RequestsInFlight {
  private serving = 0;
  private waiting: (() => void)[] = [];

  /** How many requests are being served now. */
  get size(): number {
    return this.serving;
  }

  /** Counts `work` as one request until it settles, and hands it back. */
  track<T>(work: Promise<T>): Promise<T> {
    this.serving += 1;
    return work.finally(() => {
      this.serving -= 1;
      if (this.serving === 0) for (const resolve of this.waiting.splice(0)) resolve();
    });
  }

  /** Settles once no request is being served (at once when none is). */
  settled(): Promise<void> {
    if (this.serving === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
