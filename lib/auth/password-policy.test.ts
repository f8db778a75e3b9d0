import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import {
  checkPassword,
  checkPasswordLength,
  loadCommonPasswords,
  PASSWORD_MESSAGES,
  passwordLength,
  type PasswordContext,
} from './password-policy';

const context: PasswordContext = {
  email: 'csc.lead@rochdale.example',
  name: "Children's social care lead",
  agencyName: 'Rochdale Borough Council',
  agencyShortName: 'RBC',
};

describe('cost (figures printed for the report)', () => {
  // First in the file, so that the first check pays for loading the dictionary.
  it('loads the dictionary once, lazily, then checks in microseconds', async () => {
    const coldStart = performance.now();
    expect(await checkPassword('warm up the dictionary', context)).toBeNull();
    const cold = performance.now() - coldStart;

    const samples = ['purple tractor umbrella', 'qwerty123456', 'x'.repeat(64), 'quiet river stones '.repeat(54).slice(0, 1024)];
    const rounds = 4_000;
    const start = performance.now();
    for (let i = 0; i < rounds; i++) await checkPassword(samples[i % samples.length]!, context);
    const perCheck = (performance.now() - start) / rounds;
    const size = (await loadCommonPasswords()).size;
    console.info(
      `password policy: dictionary ${size} entries; first check (load) ${cold.toFixed(1)} ms; then ${(perCheck * 1000).toFixed(1)} µs per check on average (12 to 1,024 characters)`,
    );
    expect(perCheck).toBeLessThan(5);
  });
});

describe('password length', () => {
  it('needs at least 12 characters, counted as a person counts them', () => {
    expect(checkPasswordLength('')).toBe(PASSWORD_MESSAGES.missing);
    expect(checkPasswordLength('a'.repeat(11))).toBe(PASSWORD_MESSAGES.tooShort);
    expect(checkPasswordLength('a'.repeat(12))).toBeNull();
    // Six emoji are 12 UTF-16 units but 6 characters.
    expect(passwordLength('🐢🐢🐢🐢🐢🐢')).toBe(6);
    expect(checkPasswordLength('🐢🐢🐢🐢🐢🐢')).toBe(PASSWORD_MESSAGES.tooShort);
  });

  it('accepts 64 and up to 1,024 characters, and refuses more', async () => {
    const sixtyFour = 'plum kettle orbit lantern '.repeat(3).slice(0, 64);
    expect(passwordLength(sixtyFour)).toBe(64);
    expect(await checkPassword(sixtyFour, context)).toBeNull();
    const max = 'x7 quiet river stones '.repeat(60).slice(0, 1024);
    expect(await checkPassword(max, context)).toBeNull();
    expect(await checkPassword(`${max}y`, context)).toBe(PASSWORD_MESSAGES.tooLong);
  });

  it('refuses a password of spaces only, however long (a blank current password is then a missing field)', () => {
    expect(checkPasswordLength(' '.repeat(20))).toBe(PASSWORD_MESSAGES.onlySpaces);
    expect(checkPasswordLength('\t \u00a0'.repeat(8))).toBe(PASSWORD_MESSAGES.onlySpaces);
  });

  it('has no composition rules: all lowercase letters and spaces are fine', async () => {
    expect(await checkPassword('purple tractor umbrella', context)).toBeNull();
    expect(await checkPassword('ångström–crème brûlée', context)).toBeNull();
  });
});

describe('common passwords', () => {
  it('loads the zxcvbn-ts common list once: tens of thousands of entries', async () => {
    const first = await loadCommonPasswords();
    expect(first.size).toBeGreaterThan(40_000);
    expect(await loadCommonPasswords()).toBe(first);
  });

  it('refuses a common password whatever its case', async () => {
    for (const password of ['qwerty123456', 'QWERTY123456', '1q2w3e4r5t6y', 'LeaveMeAlone', 'Sonyericsson']) {
      expect(await checkPassword(password, {})).toBe(PASSWORD_MESSAGES.common);
    }
    expect(await checkPassword('qwerty123456 but longer', {})).toBeNull();
  });
});

describe('names in the password', () => {
  it('refuses the product name, however it is written', async () => {
    expect(await checkPassword('my followthrough pass', context)).toBe(PASSWORD_MESSAGES.product);
    expect(await checkPassword('Follow-Through 2024!', context)).toBe(PASSWORD_MESSAGES.product);
  });

  it("refuses the user's agency name or short name", async () => {
    expect(await checkPassword('rochdale borough council 1', context)).toBe(PASSWORD_MESSAGES.agency);
    expect(await checkPassword('RochdaleBoroughCouncil!!', context)).toBe(PASSWORD_MESSAGES.agency);
    expect(await checkPassword('my rbc password', context)).toBe(PASSWORD_MESSAGES.agency);
    // Just "Rochdale" is not the agency's name (nor a word of the user's name).
    expect(await checkPassword('rochdale autumn walks', context)).toBeNull();
  });

  it("refuses any 4+ letter word of the user's name, but not shorter ones", async () => {
    expect(await checkPassword('careful planning wins', context)).toBe(PASSWORD_MESSAGES.name);
    expect(await checkPassword('SOCIAL butterfly xyz', context)).toBe(PASSWORD_MESSAGES.name);
    expect(await checkPassword('the lead balloon sank', context)).toBe(PASSWORD_MESSAGES.name);
    expect(await checkPassword('bus stop at noon s', { name: 'Ed S' })).toBeNull();
  });

  it("refuses the email address's local part", async () => {
    expect(await checkPassword('my csc.lead secret', { email: 'csc.lead@example.org' })).toBe(PASSWORD_MESSAGES.email);
    expect(await checkPassword('cscLEAD forever now', { email: 'csc.lead@example.org' })).toBe(PASSWORD_MESSAGES.email);
    expect(await checkPassword('manager of nothing', { email: 'manager@partnership.org' })).toBe(PASSWORD_MESSAGES.email);
  });

  it('ignores missing context', async () => {
    expect(await checkPassword('violet harbour kites', { email: null, name: '', agencyName: undefined, agencyShortName: 'X' })).toBeNull();
  });
});
