// Creates the first admin on a new database:
//   npm run user:create-admin -- --email manager@partnership.org --name "Partnership business manager" \
//     --agency "Safeguarding Children Partnership"
// The password is read from standard input when piped, otherwise generated and printed once.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '@/lib/db/client';
import { createFirstAdmin, firstAdminSchema } from '@/lib/users/create-first-admin';
import { withLocalDatabase } from './database';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, agency: { type: 'string' } } });

async function readPassword() {
  if (process.stdin.isTTY) return { password: randomBytes(15).toString('base64url'), generated: true };
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return { password: text.replace(/\r?\n$/, ''), generated: false };
}

const { password, generated } = await readPassword();
const parsed = firstAdminSchema.safeParse({ email: values.email, name: values.name, agencyName: values.agency, password });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
await withLocalDatabase(async ({ appUrl }) => {
  const db = createPrismaClient(appUrl, 1);
  try {
    const user = await createFirstAdmin(db, parsed.data);
    console.log(`Created admin ${user.email}.`);
    if (generated) console.log(`Password (shown once, store it safely): ${password}`);
  } finally {
    await db.$disconnect();
  }
});
