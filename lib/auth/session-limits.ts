// How long a session lasts: read by the server (lib/auth/user-session.ts) and
// by the browser's warning before the idle sign-out (components/idle-warning.tsx).

export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
/** The warning comes this long before the idle sign-out (WCAG 2.2.1: at least 20 seconds to act). */
export const IDLE_WARNING_MS = 2 * 60_000;
