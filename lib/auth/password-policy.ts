// The password policy, as the NCSC and OWASP ASVS (V2.1) advise: long enough,
// no composition rules ("one capital, one symbol"), no expiry, and refused
// only when it is easy to guess: a commonly used password, or one containing
// the product's, the agency's or the user's own name.
//
// Safe to import anywhere: the dictionary (zxcvbn-ts's common passwords, about
// 49,000 entries, 380 KB compressed) is loaded on the first check, once per
// process, by a dynamic import, so a form schema that only needs the length
// rules does not load it.

export const PRODUCT_NAME = 'Followthrough';
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/** What each refusal tells the user to do. */
export const PASSWORD_MESSAGES = {
  missing: 'Enter a password',
  onlySpaces: 'Enter a password with letters, digits or symbols in it, not only spaces',
  tooShort: `Enter a password of at least ${PASSWORD_MIN_LENGTH} characters. Three or more random words make a strong one that is easy to remember`,
  tooLong: `Enter a password of ${PASSWORD_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
  common: 'Choose a password that is not a commonly used one. Three or more random words make a strong one',
  product: `Choose a password that does not contain the name of this service, ${PRODUCT_NAME}`,
  agency: 'Choose a password that does not contain the name of your agency',
  name: 'Choose a password that does not contain your name',
  email: 'Choose a password that does not contain your email address',
} as const;

/** Who the password is for: the words it must not contain. */
export type PasswordContext = {
  email?: string | null;
  /** The user's (role-based) name, e.g. "Children's social care lead". */
  name?: string | null;
  agencyName?: string | null;
  agencyShortName?: string | null;
};

/** Length in characters as a person counts them (Unicode code points, not UTF-16 units). */
export function passwordLength(password: string): number {
  let count = 0;
  for (const _ of password) count++;
  return count;
}

/**
 * The length rules alone: no dictionary, no context, synchronous. For form
 * schemas (client and server) so that the user hears about length at once.
 */
export function checkPasswordLength(password: string): string | null {
  if (password.length === 0) return PASSWORD_MESSAGES.missing;
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return PASSWORD_MESSAGES.tooShort;
  if (length > PASSWORD_MAX_LENGTH) return PASSWORD_MESSAGES.tooLong;
  if (password.trim() === '') return PASSWORD_MESSAGES.onlySpaces;
  return null;
}

let commonPasswords: Promise<ReadonlySet<string>> | undefined;

/** The common-passwords dictionary, lowercased, loaded once per process on first use. */
export function loadCommonPasswords(): Promise<ReadonlySet<string>> {
  if (!commonPasswords) {
    commonPasswords = import('@zxcvbn-ts/language-common').then(
      ({ dictionary }) => new Set(dictionary['passwords-common'].map((word) => word.toLowerCase())),
    );
    // A failed load must not be cached for ever.
    commonPasswords.catch(() => {
      commonPasswords = undefined;
    });
  }
  return commonPasswords;
}

/**
 * Checks a password against the whole policy. Resolves to the message to
 * show, or null when the password is acceptable. Zod-friendly:
 *
 *   schema.superRefine(async (value, ctx) => {
 *     const message = await checkPassword(value.password, { email: value.email, name: value.name });
 *     if (message) ctx.addIssue({ code: 'custom', path: ['password'], message });
 *   })
 *
 * (parse with `safeParseAsync`, as `serverAction` does). Never logs or keeps
 * the password.
 */
export async function checkPassword(password: string, context: PasswordContext = {}): Promise<string | null> {
  const lengthProblem = checkPasswordLength(password);
  if (lengthProblem) return lengthProblem;

  const lower = password.toLowerCase();
  if ((await loadCommonPasswords()).has(lower)) return PASSWORD_MESSAGES.common;

  // "Contains" is checked on the password as typed and with everything but
  // letters and digits removed, so "Follow-Through 2024!" still counts.
  const compact = compacted(lower);
  const contains = (term: string) => lower.includes(term) || (compacted(term).length > 0 && compact.includes(compacted(term)));

  if (contains(PRODUCT_NAME.toLowerCase())) return PASSWORD_MESSAGES.product;
  for (const agency of [context.agencyName, context.agencyShortName]) {
    const term = significant(agency, 3);
    if (term && contains(term)) return PASSWORD_MESSAGES.agency;
  }
  for (const word of wordsOf(context.name, 4)) {
    if (contains(word)) return PASSWORD_MESSAGES.name;
  }
  const localPart = context.email?.split('@')[0];
  const emailTerms = [significant(localPart, 3), ...wordsOf(localPart, 4)].filter((term): term is string => Boolean(term));
  for (const term of emailTerms) {
    if (contains(term)) return PASSWORD_MESSAGES.email;
  }
  return null;
}

/** Lowercase letters and digits only. */
function compacted(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The whole value, lowercased and trimmed, if it has at least `min` letters or digits (a one-letter short name would refuse half of all passwords). */
function significant(value: string | null | undefined, min: number): string | null {
  const term = value?.trim().toLowerCase();
  return term && compacted(term).length >= min ? term : null;
}

/** Every run of letters at least `min` long, lowercased: "Children's social care lead" gives children, social, care, lead. */
function wordsOf(value: string | null | undefined, min: number): string[] {
  if (!value) return [];
  return value
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((word) => word.length >= min);
}
