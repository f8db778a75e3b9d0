// Migrations are written by hand (README: `migrate dev` needs a shadow
// database the embedded owner may not create). This checks that a database
// migrated by them is exactly what prisma/schema.prisma describes.
import { describe, expect, it } from 'vitest';
import { run } from '@/scripts/database';

describe('the migrations', () => {
  it('make the database prisma/schema.prisma describes, with nothing left over', async () => {
    // Exit code 2 (and the SQL that would close the gap, in the error) when they differ.
    await expect(
      run('prisma', ['migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema-datamodel', 'prisma/schema.prisma', '--script', '--exit-code'], { DATABASE_URL: process.env.TEST_SUPERUSER_DATABASE_URL! }, true),
    ).resolves.toBeUndefined();
  }, 60_000);
});
