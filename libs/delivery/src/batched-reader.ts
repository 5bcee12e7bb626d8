interface Waiter<V> {
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
}

/**
 * The many-keys twin of GroupedReader: callers each ask for their own key (a participant's upvotes,
 * say), and everybody who asked while a load was running is served by the next load, one query
 * for all their keys. Like GroupedReader, a caller never gets a load that started before it asked.
 */
export class BatchedReader<V> {
  private waiting = new Map<string, Waiter<V>[]>();
  private running = false;

  constructor(
    private readonly load: (keys: string[]) => Promise<Map<string, V>>,
    /** What a key the load did not return reads as (an empty list, say). */
    private readonly absent: () => V,
  ) {}

  read(key: string): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const waiters = this.waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.waiting.size > 0) {
      const batch = this.waiting;
      this.waiting = new Map();
      try {
        const values = await this.load([...batch.keys()]);
        for (const [key, waiters] of batch) {
          for (const waiter of waiters) waiter.resolve(values.get(key) ?? this.absent());
        }
      } catch (error: unknown) {
        for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.running = false;
  }
}
