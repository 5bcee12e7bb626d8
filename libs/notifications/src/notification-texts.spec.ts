import { decisionText, mailOf, moderationText, progressText, textsIn } from './notification-texts';

describe('notification texts', () => {
  it('writes progress in the recipient language, with the reason', () => {
    const input = { kind: 'idea' as const, title: 'Taman', state: 'not_taken_up' as const, note: 'Tidak ada lahan', supporter: false };
    expect(progressText(textsIn('id'), input)).toEqual({
      title: 'Ide “Taman”: tidak ditindaklanjuti',
      body: 'Ide Anda “Taman” kini tidak ditindaklanjuti.\nCatatan petugas: Tidak ada lahan',
    });
    expect(progressText(textsIn('en'), { ...input, supporter: true }).body).toBe(
      'The idea you support, “Taman”, is now not taken up.\nNote from the city: Tidak ada lahan',
    );
  });

  it('names a person’s own input in a decision', () => {
    const mine = { threads: ['Jalan rusak'], postedIn: ['Taman', 'Pasar'], posts: 3, questions: [], ballots: ['Jam buka?'], supported: [] };
    const text = decisionText(textsIn('en'), { consultation: 'Budget 2027', title: 'We build the park', mine });
    expect(text.title).toBe('Decision published: We build the park');
    expect(text.body).toContain('your threads: “Jalan rusak”');
    expect(text.body).toContain('3 posts in “Taman”, “Pasar”');
    expect(text.body).toContain('your votes in the polls: “Jam buka?”');
    expect(text.body).not.toContain('questions');
  });

  it('gives the moderation reason in words', () => {
    const text = moderationText(textsIn('id'), { action: 'hide', targetType: 'post', reasonCode: 'off_topic', note: null });
    expect(text).toEqual({
      title: 'Kiriman Anda disembunyikan',
      body: 'Moderator telah memutuskan tentang tanggapan Anda.\nAlasan: di luar topik',
    });
  });

  it('escapes the HTML e-mail and keeps the plain text as written', () => {
    const mail = mailOf(textsIn('en'), {
      locale: 'en',
      name: '<Ana>',
      text: { title: 'A & B', body: '<script>x</script>' },
      url: 'https://balai.example.id/threads/1',
      preferencesUrl: 'https://balai.example.id/me',
    });
    expect(mail.text).toContain('Hello <Ana>,');
    expect(mail.text).toContain('Open in Balai: https://balai.example.id/threads/1');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('lang="en"');
  });
});
