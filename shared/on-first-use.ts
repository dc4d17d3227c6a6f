/**
 * A value built on first use, then kept. For module-level zod schemas above all: building a
 * schema takes time, and a module's schemas were all built when it was imported, at every cold
 * start, though an invocation reads one or two of them (building the stored-item, programme-item
 * and policy schemas took about 10 ms of a 35 ms cold start).
 */
export function onFirstUse<T>(build: () => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
