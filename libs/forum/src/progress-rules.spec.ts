import { PROGRESS_STATES } from '@balai/contracts';
import { hasProgress, progressNeedsNote, progressStepAllowed } from './progress-rules';

describe('progress rules', () => {
  it('allows exactly the documented steps', () => {
    const allowed = PROGRESS_STATES.flatMap((from) =>
      PROGRESS_STATES.filter((to) => progressStepAllowed(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      ['received→under_review', 'received→not_taken_up', 'under_review→accepted', 'under_review→not_taken_up', 'accepted→done'].sort(),
    );
  });

  it('gives progress to ideas and complaints only', () => {
    expect([hasProgress('idea'), hasProgress('complaint'), hasProgress('question'), hasProgress('discussion')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('asks a reason for not_taken_up only', () => {
    expect(PROGRESS_STATES.filter(progressNeedsNote)).toEqual(['not_taken_up']);
  });
});
