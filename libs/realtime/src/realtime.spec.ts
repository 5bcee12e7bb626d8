import { ConnectionException } from '@mikro-orm/core';
import { ConflictError, RateLimitedError, ValidationError } from '@balai/errors';
import { toErrorAck } from './ack';
import { originAllowed } from './live-io.adapter';
import { moderatorsRoom, SESSION_SHARDS, sessionRoom, sessionShardRoom, sessionShardRooms, shardOf, userRoom } from './rooms';
import { validatePayload } from './ws-validation';
import { IsUUID } from 'class-validator';

class Ref {
  @IsUUID()
  questionId!: string;
}

describe('realtime helpers', () => {
  it('maps domain errors to ack codes and hides anything else as unavailable', () => {
    expect(toErrorAck(new ConflictError('session_ended', 'Ended')).ack).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Ended', detail: 'session_ended' },
    });
    expect(toErrorAck(new RateLimitedError(3)).ack).toMatchObject({ error: { code: 'rate_limited' } });
    const validation = toErrorAck(new ValidationError([{ field: 'text', message: 'too long' }]));
    expect(validation).toMatchObject({ expected: true, ack: { error: { code: 'validation', fields: [{ field: 'text' }] } } });
    const bug = toErrorAck(new TypeError('x is undefined'));
    expect(bug.expected).toBe(false);
    expect(bug.ack).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(JSON.stringify(bug.ack)).not.toContain('x is undefined');
    expect(toErrorAck(new ConnectionException(Object.assign(new Error('down'), { code: 'ECONNREFUSED' }))).ack).toMatchObject({
      error: { code: 'unavailable' },
    });
  });

  it('checks the handshake origin', () => {
    expect(originAllowed(undefined, 'balai.test', [])).toBe(true);
    expect(originAllowed('https://balai.test', 'balai.test', [])).toBe(true);
    expect(originAllowed('https://evil.test', 'balai.test', [])).toBe(false);
    expect(originAllowed('not a url', 'balai.test', [])).toBe(false);
    expect(originAllowed('https://app.city.id', 'api.city.id', ['https://app.city.id'])).toBe(true);
    expect(originAllowed('https://balai.test', 'balai.test', ['https://app.city.id'])).toBe(false);
  });

  it('names rooms in one place', () => {
    expect(new Set([sessionRoom('a'), moderatorsRoom('a'), userRoom('a')]).size).toBe(3);
  });

  it('validates payloads: objects only, unknown fields rejected', async () => {
    await expect(validatePayload(Ref, 'x')).rejects.toBeInstanceOf(ValidationError);
    await expect(validatePayload(Ref, null)).rejects.toBeInstanceOf(ValidationError);
    await expect(validatePayload(Ref, { questionId: 'nope' })).rejects.toMatchObject({ fieldErrors: [{ field: 'questionId' }] });
    await expect(validatePayload(Ref, { questionId: '0190a0a0-0000-7000-8000-000000000000', x: 1 })).rejects.toMatchObject({
      fieldErrors: [{ field: 'x' }],
    });
    await expect(validatePayload(Ref, { questionId: '0190a0a0-0000-7000-8000-000000000000' })).resolves.toBeInstanceOf(Ref);
  });
});

describe('session shards', () => {
  it('puts every socket in one of the shards, always the same one, and spreads a hall over all of them', () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => `socket-${i}-${(i * 7919).toString(36)}`);
    const shards = ids.map(shardOf);
    expect(shards.every((shard) => Number.isInteger(shard) && shard >= 0 && shard < SESSION_SHARDS)).toBe(true);
    expect(ids.map(shardOf)).toEqual(shards);
    const sizes = Array.from({ length: SESSION_SHARDS }, (_, shard) => shards.filter((s) => s === shard).length);
    expect(Math.min(...sizes)).toBeGreaterThan(2_000 / SESSION_SHARDS / 2);
    expect(new Set(sessionShardRooms('s1')).size).toBe(SESSION_SHARDS);
    expect(sessionShardRooms('s1')).toContain(sessionShardRoom('s1', shardOf(ids[0]!)));
  });
});
