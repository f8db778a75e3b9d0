// Two-factor sign-in for the demo data. Admins and reviewers must use it, so
// the demo admin and reviewers are enrolled with this one FIXED secret: add it
// to an authenticator app (by hand: "Followthrough demo", time-based, 6 digits,
// 30 seconds) to sign in as them, and the browser tests compute their codes
// from it (e2e/support/auth.ts). It is demo data, as public as DEMO_PASSWORD:
// never use it, or the demo users, anywhere real. Plain constants only, so
// that the browser tests can import this file.
import type { Role } from '@/lib/db/client';

/** Base32 (RFC 4648), 160 bits. */
export const DEMO_TOTP_SECRET = 'CCIG42DY6FYHE3E3UJLHQ35PWKYOVNKG';

/** The demo roles enrolled with DEMO_TOTP_SECRET: those for which two-factor is required. */
export const DEMO_TWO_FACTOR_ROLES: readonly Role[] = ['ADMIN', 'REVIEWER'];
