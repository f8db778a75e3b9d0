'use client';

import { z } from 'zod';

// zod 4 speeds up object parsing by compiling code with `new Function` once it
// has checked that the page allows it. Our Content-Security-Policy does not
// (no 'unsafe-eval'), so that check alone is reported as a violation in the
// browser. Forms validate just as well without it: tell zod not to try.
z.config({ jitless: true });

/** Rendered once in the root layout so that the setting above runs before any form. */
export function ZodJitless() {
  return null;
}
