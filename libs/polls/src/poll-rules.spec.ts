import { ballotErrors, optionLabelErrors } from './poll-rules';

describe('optionLabelErrors', () => {
  it('accepts distinct, non-empty labels', () => {
    expect(optionLabelErrors(['Taman bermain anak', 'Jalur jogging'])).toEqual([]);
  });

  it('names each empty, overlong or repeated option by its index', () => {
    const errors = optionLabelErrors(['Toilet umum', '  ', 'toilet   UMUM', 'x'.repeat(201), 'Lampu']);
    expect(errors.map((e) => e.field)).toEqual(['options[1]', 'options[2]', 'options[3]']);
    expect(errors[1].message).toContain('options[0]');
  });
});

describe('ballotErrors', () => {
  const options = new Set(['a', 'b', 'c']);

  it('accepts one option on a single-choice poll and several on a multiple-choice one', () => {
    expect(ballotErrors(['a'], options, false)).toEqual([]);
    expect(ballotErrors(['a', 'c'], options, true)).toEqual([]);
  });

  it('rejects an empty ballot, unknown and repeated options', () => {
    expect(ballotErrors([], options, true).map((e) => e.field)).toEqual(['optionIds']);
    expect(ballotErrors(['a', 'z', 'a'], options, true).map((e) => e.field)).toEqual(['optionIds[1]', 'optionIds[2]']);
  });

  it('rejects two options on a single-choice poll', () => {
    expect(ballotErrors(['a', 'b'], options, false)).toEqual([{ field: 'optionIds', message: expect.stringContaining('single-choice') }]);
  });
});
