// `npm run demo:code`: the current two-factor code for the demo admin and
// reviewers (demo data only: their key is public, in prisma/seed/demo-two-factor.ts).
import { totpCode } from '@/lib/auth/totp';
import { DEMO_TOTP_SECRET } from '@/prisma/seed/demo-two-factor';

console.log(totpCode(DEMO_TOTP_SECRET, new Date()));
