import { useEffect, useState } from 'react';
import type { FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';

/**
 * Loads a form's zod schema on demand, e.g.
 * `() => import('@/lib/reviews/review.schema').then((m) => m.createReviewSchema)`.
 * A client component imports only types from a schema module: a static import
 * of a value would put zod (about 37 kB gzip) in the page's first load.
 */
export type SchemaLoader<Schema extends z.ZodType<FieldValues, FieldValues>> = () => Promise<Schema>;

export type LazyZodResolver<Schema extends z.ZodType<FieldValues, FieldValues>> = Resolver<z.input<Schema>, unknown, z.output<Schema>>;

/**
 * A react-hook-form resolver for a zod schema that is not in the page's first
 * load. The schema and zod start loading as soon as the form has mounted
 * (after hydration), so they are normally ready by the time the user submits;
 * a validation that comes earlier waits for them. Field messages are the
 * schema's own, exactly as with `zodResolver(schema)`.
 *
 * The resolver is built once per form (the loader is called once, whatever
 * function a later render passes); if loading fails (say, the network
 * dropped), the next validation tries again.
 */
export function useZodResolver<Schema extends z.ZodType<FieldValues, FieldValues>>(loadSchema: SchemaLoader<Schema>): LazyZodResolver<Schema> {
  const [lazy] = useState(() => lazyZodResolver(loadSchema));
  useEffect(() => {
    lazy.preload();
  }, [lazy]);
  return lazy.resolver;
}

function lazyZodResolver<Schema extends z.ZodType<FieldValues, FieldValues>>(loadSchema: SchemaLoader<Schema>) {
  let loading: Promise<LazyZodResolver<Schema>> | null = null;
  function load() {
    loading ??= import('./zod-validation')
      // zod-validation first: it sets zod's `jitless` option, which must be in
      // effect before the schema module builds its schemas.
      .then(async ({ zodResolver }) => zodResolver(await loadSchema()) as LazyZodResolver<Schema>)
      .catch((error: unknown) => {
        loading = null;
        throw error;
      });
    return loading;
  }
  const resolver: LazyZodResolver<Schema> = async (values, context, options) => (await load())(values, context, options);
  return {
    resolver,
    /** Starts loading; a failure here is retried (and reported) by the next validation. */
    preload: () => void load().catch(() => {}),
  };
}
