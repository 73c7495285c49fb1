import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** A full, lower-case entity ref; bare names get `defaultKind` and the default namespace. */
export function normalizeRef(
  ref: string,
  defaultKind: string,
  defaultNamespace = 'default',
): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace }),
  ).toLocaleLowerCase('en-US');
}

/** A ref named by a spec field (`spec.owner`, `spec.system`, ...), normalised; undefined when absent or not a ref. */
export function specRef(
  value: unknown,
  defaultKind: string,
  namespace: string,
): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return normalizeRef(value, defaultKind, namespace);
  } catch {
    return undefined;
  }
}
