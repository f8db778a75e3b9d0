import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  generateTotpSecret,
  hotp,
  totpCode,
  totpStep,
  totpUri,
  verifyTotp,
} from './totp';

// RFC 6238 appendix B uses the ASCII secret "12345678901234567890" for SHA-1.
const RFC_SECRET = base32Encode(Buffer.from('12345678901234567890', 'ascii'));

describe('base32 (RFC 4648 section 10 test vectors)', () => {
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ];
  it.each(vectors)('encodes %j as %s and back', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain), { padding: true })).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(plain);
    expect(base32Decode(encoded.replace(/=/g, '').toLowerCase()).toString()).toBe(plain);
  });

  it('accepts spaces and hyphens as typed from a screen, and refuses other characters', () => {
    expect(base32Decode('mzxw 6ytb-oi').toString()).toBe('foobar');
    expect(() => base32Decode('MZXW1')).toThrow();
  });

  it('round-trips random secrets of 160 bits', () => {
    for (let i = 0; i < 50; i++) {
      const secret = generateTotpSecret();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(base32Encode(base32Decode(secret))).toBe(secret);
    }
  });
});

describe('HOTP (RFC 4226 appendix D)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it.each(expected.map((code, counter) => [counter, code] as const))('counter %i gives %s', (counter, code) => {
    expect(hotp(Buffer.from('12345678901234567890'), counter)).toBe(code);
  });
});

describe('TOTP (RFC 6238 appendix B, SHA-1)', () => {
  const vectors: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  it.each(vectors)('at %i s gives %s (8 digits) and its last 6 digits by default', (seconds, code) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, { digits: 8 })).toBe(code);
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(code.slice(-6));
  });

  it('accepts the code of the step before and after, and nothing further', () => {
    const at = 1111111111 * 1000;
    const step = totpStep(at);
    for (const offset of [-1, 0, 1]) {
      expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, at, { step: step + offset }), at)).toBe(step + offset);
    }
    for (const offset of [-3, -2, 2, 3]) {
      expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, at, { step: step + offset }), at)).toBeNull();
    }
  });

  it('refuses malformed codes and secrets without throwing', () => {
    const at = 59_000;
    for (const code of ['', '12345', '1234567', 'abcdef', '28708a', ' ']) expect(verifyTotp(RFC_SECRET, code, at)).toBeNull();
    expect(verifyTotp('not base32!', '287082', at)).toBeNull();
    expect(verifyTotp(RFC_SECRET, '287 082', at)).toBe(totpStep(at));
  });
});

describe('otpauth URI', () => {
  it('names the issuer and the account, and carries the parameters', () => {
    const uri = totpUri({ secret: 'JBSWY3DPEHPK3PXP', accountName: 'chair@board.example', issuer: 'Followthrough' });
    expect(uri.startsWith('otpauth://totp/Followthrough:chair%40board.example?')).toBe(true);
    const params = new URL(uri).searchParams;
    expect(Object.fromEntries(params)).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'Followthrough',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});
