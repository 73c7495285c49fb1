import { Config } from '@backstage/config';
import {
  createCriterionRequestSchema,
  describeValidationError,
  isoDurationSchema,
  MAX_OBSERVATION_WINDOW_DAYS,
  RELEASE_TYPES,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import { Duration } from 'luxon';
import { z } from 'zod';

const KEY = 'releaseCoordination.verification';

/** How long after a criterion's window ended the release managers hear of it, unless configured. */
export const DEFAULT_ESCALATE_AFTER = 'PT4H';

/** How long the HTTP checker waits for an answer, unless configured. */
export const DEFAULT_HTTP_CHECK_TIMEOUT_MS = 5000;

/**
 * A criterion every new release of a type starts with; without an owner it
 * is owned by the release's owning group.
 *
 * @public
 */
export interface CriterionTemplate {
  text: string;
  ownerRef?: string;
  check?: z.output<typeof createCriterionRequestSchema>['check'];
}

/**
 * Where the HTTP checker reads one metric: a URL template (`{releaseId}`,
 * `{entityRef}`, `{metric}` are filled in, URL-encoded), the dot path of the
 * number in the JSON answer and how long to wait.
 *
 * @public
 */
export interface HttpMetricSource {
  urlTemplate: string;
  valuePath: string;
  timeoutMs: number;
}

/**
 * The `releaseCoordination.verification` settings, with defaults.
 *
 * @public
 */
export interface VerificationSettings {
  templates: Partial<Record<ReleaseType, CriterionTemplate[]>>;
  /** Milliseconds after a criterion's window ended before the release managers are told. */
  escalateAfterMs: number;
  /** The metrics the HTTP checker reads, by metric name. */
  httpMetrics: Record<string, HttpMetricSource>;
}

const templateSchema = createCriterionRequestSchema.extend({
  ownerRef: createCriterionRequestSchema.shape.ownerRef.optional(),
});

function readTemplates(config: Config | undefined) {
  const templates: VerificationSettings['templates'] = {};
  const section = config?.getOptionalConfig('templates');
  for (const type of section?.keys() ?? []) {
    if (!(RELEASE_TYPES as readonly string[]).includes(type)) {
      throw new Error(
        `${KEY}.templates: unknown release type "${type}"; known are ${RELEASE_TYPES.join(
          ', ',
        )}`,
      );
    }
    const parsed = z
      .array(templateSchema)
      .safeParse(section!.get(type) as unknown);
    if (!parsed.success) {
      throw new Error(
        `${KEY}.templates.${type}: ${describeValidationError(parsed.error)}`,
      );
    }
    templates[type as ReleaseType] = parsed.data;
  }
  return templates;
}

function readHttpMetrics(config: Config | undefined) {
  const metrics: Record<string, HttpMetricSource> = {};
  const section = config?.getOptionalConfig('httpChecker.metrics');
  for (const metric of section?.keys() ?? []) {
    const source = section!.getConfig(metric);
    const urlTemplate = source.getString('urlTemplate');
    if (!/^https?:\/\//.test(urlTemplate)) {
      throw new Error(
        `${KEY}.httpChecker.metrics.${metric}.urlTemplate: must be an http(s) URL`,
      );
    }
    const timeout = source.getOptionalString('timeout');
    metrics[metric] = {
      urlTemplate,
      valuePath: source.getString('valuePath'),
      timeoutMs: timeout
        ? readDuration(`httpChecker.metrics.${metric}.timeout`, timeout)
        : DEFAULT_HTTP_CHECK_TIMEOUT_MS,
    };
  }
  return metrics;
}

function readDuration(key: string, value: string): number {
  if (
    !isoDurationSchema(MAX_OBSERVATION_WINDOW_DAYS).safeParse(value).success
  ) {
    throw new Error(
      `${KEY}.${key}: "${value}" is not an ISO 8601 duration such as PT4H`,
    );
  }
  return Duration.fromISO(value).toMillis();
}

/** Reads `releaseCoordination.verification`, refusing bad settings at startup. */
export function readVerificationSettings(config: Config): VerificationSettings {
  const section = config.getOptionalConfig(KEY);
  return {
    templates: readTemplates(section),
    escalateAfterMs: readDuration(
      'escalateAfter',
      section?.getOptionalString('escalateAfter') ?? DEFAULT_ESCALATE_AFTER,
    ),
    httpMetrics: readHttpMetrics(section),
  };
}
