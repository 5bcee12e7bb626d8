import { GroupedReader } from './grouped-reader';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('GroupedReader', () => {
  it('shares a load among callers that arrived before it started, never one that started before them', async () => {
    const loads: { key: string; done: ReturnType<typeof deferred<number>> }[] = [];
    const reader = new GroupedReader<number>((key) => {
      const done = deferred<number>();
      loads.push({ key, done });
      return done.promise;
    });

    const first = reader.read('s'); // starts load 1 at once
    const second = reader.read('s'); // arrived after load 1 began: must wait for load 2
    const third = reader.read('s'); // shares load 2 with `second`
    expect(loads).toHaveLength(1);

    loads[0].done.resolve(1);
    await expect(first).resolves.toBe(1);
    await Promise.resolve();
    expect(loads).toHaveLength(2);
    loads[1].done.resolve(2);
    await expect(second).resolves.toBe(2);
    await expect(third).resolves.toBe(2);
  });

  it('keeps keys apart and passes a failure to the callers of that load only', async () => {
    const reader = new GroupedReader<string>(async (key) => {
      if (key === 'bad') throw new Error('boom');
      return key.toUpperCase();
    });
    await expect(Promise.all([reader.read('a'), reader.read('b')])).resolves.toEqual(['A', 'B']);
    await expect(reader.read('bad')).rejects.toThrow('boom');
    await expect(reader.read('a')).resolves.toBe('A');
  });
});
