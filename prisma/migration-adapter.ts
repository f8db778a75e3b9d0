// The driver adapter that Prisma's WebAssembly schema engine uses for
// `prisma migrate` (see prisma.config.ts). The app never uses this file.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';

// Workaround for prisma/orm issue 27403 (open upstream): introspection reads
// catalog columns of type `name` (OID 19) and `"char"` (OID 18), which
// @prisma/adapter-pg refuses to deserialise. `name` is presented as `text`;
// `"char"` as text on the wire and as a Character column to the engine, which
// reads e.g. pg_constraint.contype as a single character (as text it panics).
const CHAR_OID = 18;
const NAME_OID = 19;
const TEXT_OID = 25;
const CHARACTER_COLUMN = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

type Query = unknown;
type Queryable = {
  performIO(query: Query): Promise<pg.QueryArrayResult>;
  queryRaw(query: Query): Promise<{ columnTypes: number[]; rows: unknown[][] }>;
  startTransaction?(...args: unknown[]): Promise<Queryable>;
};

function presentCatalogTypes<T>(target: T): T {
  const queryable = target as unknown as Queryable;
  // Which columns were "char", keyed by the result rows the adapter passes on.
  const charColumns = new WeakMap<object, number[]>();
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    const chars: number[] = [];
    result?.fields?.forEach((field, i) => {
      if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        chars.push(i);
      }
    });
    if (chars.length) charColumns.set(result.rows, chars);
    return result;
  };
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = CHARACTER_COLUMN;
    return result;
  };
  if (queryable.startTransaction) {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...args) => presentCatalogTypes(await startTransaction(...args));
  }
  return target;
}

class MigrationPg extends PrismaPg {
  constructor(private readonly settings: pg.PoolConfig) {
    super(settings);
  }

  override async connect() {
    const adapter = presentCatalogTypes(await super.connect());
    // The upstream adapter splits scripts on every ";", which breaks function
    // bodies (our history trigger). PostgreSQL runs a multi-statement script
    // itself, in one implicit transaction.
    adapter.executeScript = async (script: string) => {
      try {
        await (adapter.underlyingDriver() as pg.Pool).query(script);
      } catch (error) {
        (adapter as unknown as { onError(e: unknown): never }).onError(error);
      }
    };
    return adapter;
  }

  // The upstream factory drops the shadow database while its own pool still
  // holds a connection ("is being accessed by other users"): close the
  // shadow pool first, then drop.
  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new MigrationPg({ ...this.settings, database }).connect();
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
  // Discrete settings, not a connection string: the shadow database is made
  // by overriding `database`, which a connection string would beat.
  const url = new URL(databaseUrl);
  return new MigrationPg({
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
    ssl: url.searchParams.has('sslmode') && url.searchParams.get('sslmode') !== 'disable' ? true : undefined,
  });
}
