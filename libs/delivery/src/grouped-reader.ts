interface Waiter<V> {
  resolve: (value: V) => void;
  reject: (error: unknown) => void;
}

interface KeyState<V> {
  waiters: Waiter<V>[];
  running: boolean;
}

/**
 * Group reads, the read-side twin of the group commit: callers asking for the same key share one
 * load, but only a load that *started after they asked*. A caller never gets a result older than
 * its own call, so a socket that joined a room before calling `read` misses nothing: whatever
 * committed after the load began reaches it as an event. Under a join storm, one load per key
 * is in flight and the next one serves everybody who arrived meanwhile.
 */
export class GroupedReader<V> {
  private readonly keys = new Map<string, KeyState<V>>();

  constructor(private readonly load: (key: string) => Promise<V>) {}

  read(key: string): Promise<V> {
    let state = this.keys.get(key);
    if (!state) this.keys.set(key, (state = { waiters: [], running: false }));
    const promise = new Promise<V>((resolve, reject) => state.waiters.push({ resolve, reject }));
    if (!state.running) void this.run(key, state);
    return promise;
  }

  private async run(key: string, state: KeyState<V>): Promise<void> {
    state.running = true;
    while (state.waiters.length > 0) {
      const batch = state.waiters;
      state.waiters = [];
      try {
        const value = await this.load(key);
        for (const waiter of batch) waiter.resolve(value);
      } catch (error: unknown) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    state.running = false;
    this.keys.delete(key);
  }
}
