import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/** A test entity: `ref` is `kind:namespace/name`; relations as `[type, targetRef]`. */
export function testEntity(
  ref: string,
  options: {
    spec?: Record<string, string>;
    annotations?: Record<string, string>;
    relations?: [string, string][];
    title?: string;
  } = {},
): Entity {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind === 'api' ? 'API' : kind[0].toUpperCase() + kind.slice(1),
    metadata: {
      name,
      namespace,
      ...(options.title && { title: options.title }),
      ...(options.annotations && { annotations: options.annotations }),
    },
    spec: options.spec ?? {},
    relations: (options.relations ?? []).map(([type, targetRef]) => ({
      type,
      targetRef,
    })),
  };
}

/**
 * A catalog over the entities in which the user's credentials cannot read
 * the `hidden` refs (`getEntitiesByRefs` returns null for them, as the
 * permission framework does); the plugin's own credentials read everything.
 */
export function permissionedCatalog(
  entities: Entity[],
  hidden: string[] = [],
): CatalogService {
  const catalog = catalogServiceMock({ entities });
  const isUser = (credentials: BackstageCredentials) =>
    (credentials.principal as { type?: string }).type === 'user';
  const getEntitiesByRefs: CatalogService['getEntitiesByRefs'] = async (
    request,
    options,
  ) => {
    const result = await catalog.getEntitiesByRefs(request, options);
    if (!isUser(options.credentials)) return result;
    return {
      items: result.items.map((item, i) =>
        hidden.includes(request.entityRefs[i]) ? undefined : item,
      ),
    };
  };
  return new Proxy(catalog, {
    get(target, property, receiver) {
      if (property === 'getEntitiesByRefs') return getEntitiesByRefs;
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
