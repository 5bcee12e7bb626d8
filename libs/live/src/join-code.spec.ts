import { JOIN_CODE_ALPHABET, newJoinCode } from './join-code';

describe('join codes', () => {
  it('are 6 characters from upper-case letters and digits without 0, O, 1 and I', () => {
    expect(JOIN_CODE_ALPHABET).toHaveLength(32);
    for (const excluded of ['0', 'O', '1', 'I']) expect(JOIN_CODE_ALPHABET).not.toContain(excluded);
    const codes = Array.from({ length: 2000 }, () => newJoinCode());
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect(new Set(codes.join('')).size).toBe(32);
  });
});
