import { BatchedReader } from './batched-reader';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('BatchedReader', () => {
  it('serves everybody who asked during a load with one load of all their keys', async () => {
    const loads: { keys: string[]; done: ReturnType<typeof deferred<Map<string, string[]>>> }[] = [];
    const reader = new BatchedReader<string[]>(
      (keys) => {
        const done = deferred<Map<string, string[]>>();
        loads.push({ keys, done });
        return done.promise;
      },
      () => [],
    );

    const first = reader.read('ana'); // starts load 1 at once
    const second = reader.read('budi'); // arrived during load 1: waits for load 2
    const third = reader.read('citra');
    const again = reader.read('budi'); // the same key twice shares the load and the answer
    expect(loads.map((load) => load.keys)).toEqual([['ana']]);

    loads[0].done.resolve(new Map([['ana', ['q1']]]));
    await expect(first).resolves.toEqual(['q1']);
    await Promise.resolve();
    expect(loads.map((load) => load.keys)).toEqual([['ana'], ['budi', 'citra']]);
    loads[1].done.resolve(new Map([['budi', ['q2', 'q3']]]));
    await expect(second).resolves.toEqual(['q2', 'q3']);
    await expect(again).resolves.toEqual(['q2', 'q3']);
    await expect(third).resolves.toEqual([]); // not in the result: absent
  });

  it('passes a failure to the callers of that load only, and keeps serving', async () => {
    let fail = true;
    const reader = new BatchedReader<number>(
      async (keys) => {
        if (fail) throw new Error('database down');
        return new Map(keys.map((key) => [key, key.length]));
      },
      () => 0,
    );
    await expect(reader.read('abc')).rejects.toThrow('database down');
    fail = false;
    await expect(reader.read('abcd')).resolves.toBe(4);
  });
});
