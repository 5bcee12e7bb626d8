import { LiveSessionView } from '@balai/contracts';
import { mergeSessionViews } from './session-view-merge';

const live: LiveSessionView = {
  id: 's1',
  code: 'K7MX4P',
  title: 'Taman Kota Cempaka',
  status: 'live',
  preModeration: true,
  allowAnonymous: true,
  consultationId: null,
  onScreenQuestionId: null,
  createdAt: '2026-12-02T09:00:00.000Z',
  startedAt: '2026-12-02T09:05:00.000Z',
  endedAt: null,
  participants: 120,
};
const ended: LiveSessionView = { ...live, status: 'ended', endedAt: '2026-12-02T10:00:00.000Z', participants: undefined };

describe('mergeSessionViews', () => {
  it('takes the first view as it is', () => {
    expect(mergeSessionViews(undefined, live)).toEqual(live);
  });

  it('never takes a session back to an earlier status: a late participant count keeps the end', () => {
    const merged = mergeSessionViews(mergeSessionViews(live, ended), { ...live, participants: 80 });
    expect(merged.status).toBe('ended');
    expect(merged.endedAt).toBe(ended.endedAt);
    expect(merged.participants).toBe(80);
  });

  it('keeps the last participant count when a status change carries none', () => {
    expect(mergeSessionViews(live, ended)).toEqual({ ...ended, participants: 120 });
  });

  it('takes a newer count and a later status', () => {
    expect(mergeSessionViews(live, { ...live, participants: 121 }).participants).toBe(121);
    expect(mergeSessionViews({ ...live, status: 'scheduled', startedAt: null }, live)).toEqual(live);
  });
});
