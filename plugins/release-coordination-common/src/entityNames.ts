import { parseEntityRef } from '@backstage/catalog-model';

/**
 * An entity ref as people read it: `component:default/x` as `component:x`, or
 * as `x` when `withKind` is false; other namespaces stay. A ref that does not
 * parse is returned as it is. The backend words its messages with it and the
 * frontend its labels, so both name an entity alike.
 *
 * @public
 */
export function shortRef(
  ref: string,
  options: { withKind?: boolean } = {},
): string {
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    const local = namespace === 'default' ? name : `${namespace}/${name}`;
    return options.withKind === false ? local : `${kind}:${local}`;
  } catch {
    return ref;
  }
}

/**
 * An entity ref as its name alone, as people say it: `group:default/sre` → `sre`.
 *
 * @public
 */
export function entityName(ref: string): string {
  return shortRef(ref, { withKind: false });
}
