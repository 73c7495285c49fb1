import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogModel } from './CatalogModel';

/**
 * Every named ref must be in the catalog as the caller sees it (one request);
 * otherwise an `InputError` names each missing ref's field.
 */
export async function checkNamedRefsInCatalog(
  catalog: CatalogModel,
  named: { field: string; ref: string }[],
  credentials: BackstageCredentials,
): Promise<void> {
  if (named.length === 0) return;
  const found = await catalog.readable(
    named.map(n => n.ref),
    credentials,
  );
  const unknown = named.filter(n => !found.has(n.ref));
  if (unknown.length > 0) {
    throw new InputError(
      unknown.map(n => `${n.field}: ${n.ref} is not in the catalog`).join('; '),
    );
  }
}

/**
 * Every ref of a scope's fields must be in the catalog as the caller sees it,
 * and of the kind `kinds` names for its field (`undefined`: any kind); the
 * fields are checked in the order of `kinds`. Otherwise one `InputError`
 * names each field's unknown refs and each ref of the wrong kind.
 */
export async function checkScopeInCatalog<Field extends string>(
  catalog: CatalogModel,
  scope: Record<NoInfer<Field>, string[]>,
  kinds: Record<Field, string | undefined>,
  credentials: BackstageCredentials,
): Promise<void> {
  const fields = Object.keys(kinds) as Field[];
  const refs = fields.flatMap(field =>
    scope[field].map(ref => ({ field, ref })),
  );
  if (refs.length === 0) return;
  const found = await catalog.readable(
    refs.map(r => r.ref),
    credentials,
  );
  const problems = fields.flatMap(field => {
    const unknown = refs
      .filter(r => r.field === field && !found.has(r.ref))
      .map(r => r.ref);
    return unknown.length
      ? [`scope.${field}: unknown, not in the catalog: ${unknown.join(', ')}`]
      : [];
  });
  refs.forEach(({ field, ref }) => {
    const entityKind = found.get(ref);
    const kind = kinds[field];
    if (entityKind && kind && entityKind !== kind) {
      problems.push(`scope.${field}: ${ref} is not a ${kind}`);
    }
  });
  if (problems.length > 0) {
    throw new InputError(problems.join('; '));
  }
}
