// Time-based one-time passwords (RFC 6238) on HOTP (RFC 4226), with
// base32 secrets (RFC 4648) and the otpauth:// URI authenticator apps read.
// HMAC-SHA1, 30-second steps, 6 digits: what every authenticator app supports.
//
// No 'server-only' marker: nothing secret lives here, and the browser tests
// import it to compute the demo users' codes.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now that are still accepted (clock drift, slow typing). */
export const TOTP_WINDOW = 1;
/** 160 bits, the HMAC-SHA1 block-size recommendation of RFC 4226 section 4. */
export const TOTP_SECRET_BYTES = 20;

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, upper case; `padding` adds the trailing '=' the RFC shows. */
export function base32Encode(bytes: Uint8Array, { padding = false }: { padding?: boolean } = {}): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  if (padding) while (out.length % 8 !== 0) out += '=';
  return out;
}

/**
 * Decodes base32, forgiving what people type from a screen: lower case,
 * spaces, hyphens and missing padding. Throws on any other character.
 */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value === -1) throw new Error('Not a base32 string');
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/** A new random secret, base32 without padding (as authenticator apps expect). */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(TOTP_SECRET_BYTES));
}

/** RFC 4226 HOTP: the code for one counter value. */
export function hotp(key: Uint8Array, counter: number | bigint, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step a moment falls in. */
export function totpStep(at: Date | number = Date.now()): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  return Math.floor(ms / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for a base32 secret at a moment (or at an explicit step). */
export function totpCode(secret: string, at: Date | number = Date.now(), { step, digits = TOTP_DIGITS }: { step?: number; digits?: number } = {}): string {
  return hotp(base32Decode(secret), step ?? totpStep(at), digits);
}

/**
 * Checks a typed code against the steps around `at`. Returns the step that
 * matched (the caller stores it to refuse replays: see `acceptTotp` in
 * two-factor.ts) or null. Every candidate step is compared, in constant time,
 * whether or not an earlier one matched.
 */
export function verifyTotp(secret: string, code: string, at: Date | number = Date.now(), window = TOTP_WINDOW): number | null {
  const typed = code.replace(/\s/g, '');
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(typed)) return null;
  let key: Buffer;
  try {
    key = base32Decode(secret);
  } catch {
    return null;
  }
  const now = totpStep(at);
  let matched: number | null = null;
  for (let step = now - window; step <= now + window; step++) {
    const expected = Buffer.from(hotp(key, step));
    if (timingSafeEqual(expected, Buffer.from(typed)) && matched === null) matched = step;
  }
  return matched;
}

/**
 * The otpauth:// URI that authenticator apps read from the QR code
 * (Google Authenticator's Key Uri Format, followed by the other apps too).
 */
export function totpUri({ secret, accountName, issuer }: { secret: string; accountName: string; issuer: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const params = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/** A secret in groups of four, easier to type into an app by hand. */
export function formatSecretForDisplay(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}
