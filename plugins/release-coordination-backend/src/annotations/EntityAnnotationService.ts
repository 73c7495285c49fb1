import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { EntityAnnotationReport } from '@internal/plugin-release-coordination-common';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { readRiskConfig } from '../impact/assessRisk';
import { readReadinessPolicy } from '../readiness/ReadinessService';
import { AnnotationRules, checkAnnotations } from './checkAnnotations';

/**
 * Reports the annotations of an entity that the plugin reads but cannot use
 * as written, so the entity's Releases tab can say so instead of the plugin
 * silently falling back.
 */
export class EntityAnnotationService {
  constructor(
    private readonly catalog: CatalogModel,
    private readonly rules: AnnotationRules,
  ) {}

  /** The problems of one entity the caller may read; 404 for others. */
  async report(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityAnnotationReport> {
    const facts = (await this.catalog.describe([entityRef], credentials)).get(
      entityRef,
    );
    if (!facts) {
      throw new NotFoundError(`Entity ${entityRef} not found`);
    }
    return {
      entityRef,
      problems: checkAnnotations(facts.annotations, this.rules),
    };
  }
}

/** The service with the configured tiers and readiness annotations. */
export function createEntityAnnotationService(
  config: Config,
  catalog: CatalogModel,
) {
  return new EntityAnnotationService(catalog, {
    tiers: Object.keys(readRiskConfig(config).tierPoints),
    requiredAnnotations: readReadinessPolicy(config).requiredAnnotations,
  });
}
