import { DomainError } from '@balai/errors';
import { ConcurrencyLimit, HASHING_CONCURRENCY, PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  it('hashes a burst of 5 passwords at most two at a time, each still verifiable', async () => {
    const hasher = new PasswordHasher();
    const passwords = Array.from({ length: 5 }, (_, i) => `kata-sandi-${i}`);
    const hashes = await Promise.all(passwords.map((password) => hasher.hash(password)));
    expect(hasher.limit.peak).toBe(HASHING_CONCURRENCY);
    expect(hashes.every((hash) => hash.startsWith('$argon2id$'))).toBe(true);
    expect(await hasher.verify(hashes[3]!, 'kata-sandi-3')).toBe(true);
    expect(await hasher.verify(hashes[3]!, 'kata-sandi-4')).toBe(false);
  });
});

describe('ConcurrencyLimit', () => {
  it('refuses a task once the queue is full, and runs the queued ones in order', async () => {
    const limit = new ConcurrencyLimit(1, 2);
    const order: number[] = [];
    let release!: () => void;
    const first = limit.run(() => new Promise<void>((resolve) => (release = resolve)).then(() => order.push(0)));
    const queued = [1, 2].map((n) => limit.run(async () => order.push(n)));
    await expect(limit.run(async () => order.push(3))).rejects.toMatchObject({ kind: 'unavailable' } satisfies Partial<DomainError>);
    release();
    await Promise.all([first, ...queued]);
    expect(order).toEqual([0, 1, 2]);
  });
});
