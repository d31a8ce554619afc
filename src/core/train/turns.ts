/**
 * Turns for queued messages (pause, stop) between training steps. Nested `setTimeout(0)` is
 * clamped to 4 ms after five levels, 4 % of a step on WASM; a message channel's turn is not.
 * `close` releases the channel (an open port keeps Node's event loop alive).
 */
export class Turns {
  private readonly channel = typeof MessageChannel === 'function' ? new MessageChannel() : null;
  private readonly waiting: (() => void)[] = [];

  constructor() {
    if (this.channel) this.channel.port1.onmessage = () => this.waiting.shift()?.();
  }

  next(): Promise<void> {
    const channel = this.channel;
    if (!channel) return new Promise((resolve) => setTimeout(resolve, 0));
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      channel.port2.postMessage(null);
    });
  }

  close(): void {
    this.channel?.port1.close();
    this.channel?.port2.close();
  }
}
