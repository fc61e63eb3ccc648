/**
 * Keeps one piece of the screen fresh: loaded at start, again on a slow timer, and again shortly
 * after events poke it. Pokes are coalesced (a burst of a hundred events costs one load within
 * `coalesceMs`, and a steady stream of events cannot starve it as a plain debounce would); loads
 * never overlap (a poke during a load runs one more after it). Exactly one timeout and one interval
 * at most, both cleared by stop().
 */
export class Refresher {
  private pending: ReturnType<typeof setTimeout> | null = null;
  private interval: ReturnType<typeof setInterval> | null = null;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly load: () => Promise<void>,
    private readonly coalesceMs: number,
    private readonly periodMs: number,
  ) {}

  start() {
    void this.run();
    this.interval = setInterval(() => void this.run(), this.periodMs);
  }

  poke() {
    if (this.stopped || this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      void this.run();
    }, this.coalesceMs);
  }

  /** Now, e.g. after the live feed reconnected. */
  now() {
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    void this.run();
  }

  stop() {
    this.stopped = true;
    if (this.pending) clearTimeout(this.pending);
    if (this.interval) clearInterval(this.interval);
    this.pending = null;
    this.interval = null;
  }

  private async run() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      await this.load();
    } catch {
      // The last figures stay up; the timer or the next event tries again.
    } finally {
      this.running = false;
    }
    if (this.again && !this.stopped) {
      this.again = false;
      this.poke();
    }
  }
}
