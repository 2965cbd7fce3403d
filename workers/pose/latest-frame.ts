/**
 * A one-slot mailbox: putting a frame closes the one still waiting (it is stale), so the
 * detector always works on the newest frame and nothing queues up behind a slow inference.
 */
export interface Closable { close(): void }

export class LatestFrameSlot<T extends Closable> {
  private pending: T | null = null;
  private waiter: ((value: T | null) => void) | null = null;
  private closed = false;
  dropped = 0;

  /** A frame is waiting to be taken. */
  get waiting(): boolean {
    return this.pending !== null;
  }

  put(frame: T): void {
    if (this.closed) { frame.close(); return; }
    if (this.waiter) {
      const wake = this.waiter;
      this.waiter = null;
      wake(frame);
      return;
    }
    if (this.pending) { this.pending.close(); this.dropped++; }
    this.pending = frame;
  }

  /** Resolves with the newest frame, or null once the slot is closed. */
  take(): Promise<T | null> {
    if (this.pending) {
      const frame = this.pending;
      this.pending = null;
      return Promise.resolve(frame);
    }
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => { this.waiter = resolve; });
  }

  /** The frames now come another way: closes a waiting frame and wakes a waiting take() with null, without closing the slot. */
  interrupt(): void {
    this.pending?.close();
    this.pending = null;
    this.waiter?.(null);
    this.waiter = null;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    this.pending?.close();
    this.pending = null;
    this.waiter?.(null);
    this.waiter = null;
  }
}
