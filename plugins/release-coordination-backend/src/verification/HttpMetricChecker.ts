import { HttpMetricSource } from './verificationConfig';
import { MeasurableCriterion, VerificationChecker } from './checkers';
import { Release } from '@internal/plugin-release-coordination-common';

/** Fills `{releaseId}`, `{entityRef}` and `{metric}` into a URL template, URL-encoded. */
export function fillUrlTemplate(
  template: string,
  values: Record<'releaseId' | 'entityRef' | 'metric', string>,
): string {
  return template.replace(
    /\{(releaseId|entityRef|metric)\}/g,
    (_, name: keyof typeof values) => encodeURIComponent(values[name]),
  );
}

/** The value at a dot path (`data.result.0.value`) of parsed JSON. */
function valueAt(json: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object'
          ? (value as Record<string, unknown>)[key]
          : undefined,
      json,
    );
}

/**
 * The metrics service asked, in words: by its host, since the filled-in URL
 * may carry the release's id and other query values nobody needs to read.
 */
function metricsService(url: string): string {
  try {
    return `The metrics service at ${new URL(url).host}`;
  } catch {
    return 'The metrics service';
  }
}

/** A value read from the answer, in words rather than as JSON. */
function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'missing';
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return 'empty text';
    return `the text "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
  }
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/**
 * The checker the plugin ships: reads each configured metric
 * (`releaseCoordination.verification.httpChecker.metrics.<metric>`) as a
 * number from a JSON HTTP endpoint. `{entityRef}` is the release's first
 * entity. A number in a string ("0.25") counts.
 *
 * @public
 */
export class HttpMetricChecker implements VerificationChecker {
  readonly id = 'http';

  constructor(private readonly metrics: Record<string, HttpMetricSource>) {}

  supports(metric: string): boolean {
    return Object.hasOwn(this.metrics, metric);
  }

  async measure(request: {
    release: Release;
    criterion: MeasurableCriterion;
  }): Promise<number> {
    const { release, criterion } = request;
    const source = this.metrics[criterion.check.metric];
    const url = fillUrlTemplate(source.urlTemplate, {
      releaseId: release.id,
      entityRef: release.entityRefs[0] ?? '',
      metric: criterion.check.metric,
    });
    let response: Response;
    let body: string;
    try {
      // the timeout covers the whole answer, body included
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(source.timeoutMs),
      });
      body = await response.text();
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new Error(
        timedOut
          ? `${metricsService(url)} did not answer within ${
              source.timeoutMs
            } ms`
          : `${metricsService(url)} could not be read: ${
              (error as Error).message
            }`,
      );
    }
    if (!response.ok) {
      throw new Error(
        `${metricsService(url)} answered with status ${response.status}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new Error(`${metricsService(url)} did not answer with JSON`);
    }
    const value = valueAt(json, source.valuePath);
    const number =
      typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) {
      throw new Error(
        `${metricsService(url)} answered no number at "${
          source.valuePath
        }" (it is ${describeValue(value)})`,
      );
    }
    return number;
  }
}
