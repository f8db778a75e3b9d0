// What a form's validation needs besides its schema: loaded on demand (by
// useZodResolver, in lazy-zod-resolver.ts), never in a page's first load, and
// always before the schema module itself, so that the setting below is in
// effect before any zod schema is built or parsed in the browser.
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';

// zod 4 speeds up object parsing by compiling code with `new Function` once it
// has checked that the page allows it. Our Content-Security-Policy does not
// (no 'unsafe-eval'), so that check alone is reported as a violation in the
// browser. Forms validate just as well without it: tell zod not to try.
// (zod makes that check when an object schema is built, so this must run
// before a schema module is evaluated: see lazy-zod-resolver.ts.)
z.config({ jitless: true });

export { zodResolver };
