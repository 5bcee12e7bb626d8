import { assertNoPersonalData, PersonalDataInLogError } from './personal-data';

describe('assertNoPersonalData', () => {
  it('lets through what the log entries carry: ids of content and decisions, titles, codes, hashes', () => {
    expect(() =>
      assertNoPersonalData({
        consultationId: 'c',
        decisionId: 'd',
        title: 'Taman Kota Cempaka',
        bodySha256: 'ab',
        action: 'hide',
        reasonCode: 'spam',
        target: { type: 'user', id: null },
        counts: [{ threads: 3 }],
      }),
    ).not.toThrow();
  });

  it.each([
    [{ moderatorId: 'm' }, 'moderatorId'],
    [{ publishedBy: 'u' }, 'publishedBy'],
    [{ user_id: 'u' }, 'user_id'],
    [{ target: { type: 'user', userId: 'u' } }, 'target.userId'],
    [{ quotes: [{ text: 'x', author: 'Bu Ani' }] }, 'quotes[0].author'],
    [{ Email: 'a@b.id' }, 'Email'],
    [{ note: 'Pak Budi' }, 'note'],
    [{ displayName: 'Rina' }, 'displayName'],
  ])('refuses %j, naming %s', (payload, path) => {
    expect(() => assertNoPersonalData(payload)).toThrow(PersonalDataInLogError);
    expect(() => assertNoPersonalData(payload)).toThrow(`"${path}"`);
  });
});
