// The driver adapter that Prisma's WebAssembly schema engine uses for
// `prisma migrate` (see prisma.config.ts). The app never uses this file.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

// Workaround for prisma/orm issue 27403 (open upstream): introspection reads
// catalog columns of type `name` (OID 19) and `"char"` (OID 18), which
// @prisma/adapter-pg refuses to deserialise. Their values arrive as plain
// strings anyway, so present both columns as `text` (OID 25).
const CATALOG_TEXT_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function presentCatalogTypesAsText<T>(result: T): T {
  for (const res of Array.isArray(result) ? result : [result]) {
    for (const field of (res as QueryResultLike)?.fields ?? []) {
      if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

class CatalogTextClient extends pg.Client {
  // pg.Pool calls query() with a callback; the adapter awaits the promise form.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const callback = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
    const promise = (super.query as (...a: unknown[]) => Promise<unknown>)
      .apply(this, args)
      .then(presentCatalogTypesAsText);
    if (!callback) return promise;
    promise.then((res) => callback(null, res), (err) => callback(err));
    return undefined;
  }
}

// The upstream factory drops the shadow database while its own pool still
// holds a connection ("is being accessed by other users"): close the shadow
// pool first, then drop.
class MigrationPg extends PrismaPg {
  constructor(private readonly settings: pg.PoolConfig) {
    super(settings);
  }

  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...this.settings, database }).connect();
    const closeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await closeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }
}

export function migrationAdapter(databaseUrl: string) {
  // Discrete settings, not a connection string: the adapter makes the shadow
  // database by overriding `database`, which a connection string would beat.
  const url = new URL(databaseUrl);
  return new MigrationPg({
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
    ssl: url.searchParams.has('sslmode') && url.searchParams.get('sslmode') !== 'disable' ? true : undefined,
    Client: CatalogTextClient,
  });
}
