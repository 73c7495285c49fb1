import { ConfigReader } from '@backstage/config';
import { readVerificationSettings } from './verificationConfig';

const read = (verification?: object) =>
  readVerificationSettings(
    new ConfigReader(
      verification ? { releaseCoordination: { verification } } : {},
    ),
  );

describe('readVerificationSettings', () => {
  it('defaults to no templates, no HTTP metrics and escalation after four hours', () => {
    expect(read()).toEqual({
      templates: {},
      escalateAfterMs: 4 * 3600_000,
      httpMetrics: {},
    });
  });

  it('reads templates, the escalation delay and HTTP metrics', () => {
    expect(
      read({
        escalateAfter: 'PT30M',
        templates: {
          hotfix: [
            {
              text: 'Error rate back to normal',
              check: {
                metric: 'error_rate',
                comparator: '<=',
                threshold: 1,
                window: 'PT2H',
              },
            },
          ],
        },
        httpChecker: {
          metrics: {
            error_rate: {
              urlTemplate: 'https://metrics.example.com/q?r={releaseId}',
              valuePath: 'data.value',
              timeout: 'PT2S',
            },
          },
        },
      }),
    ).toEqual({
      escalateAfterMs: 30 * 60_000,
      templates: {
        hotfix: [
          {
            text: 'Error rate back to normal',
            check: {
              metric: 'error_rate',
              comparator: '<=',
              threshold: 1,
              window: 'PT2H',
            },
          },
        ],
      },
      httpMetrics: {
        error_rate: {
          urlTemplate: 'https://metrics.example.com/q?r={releaseId}',
          valuePath: 'data.value',
          timeoutMs: 2000,
        },
      },
    });
  });

  it('refuses bad settings at startup, naming the key', () => {
    expect(() => read({ templates: { weekly: [] } })).toThrow(
      'releaseCoordination.verification.templates: unknown release type "weekly"',
    );
    expect(() =>
      read({ templates: { normal: [{ text: 'x', ownerRef: 'component:a' }] } }),
    ).toThrow(
      'releaseCoordination.verification.templates.normal: 0.ownerRef: must be a user or group ref',
    );
    expect(() => read({ escalateAfter: 'four hours' })).toThrow(
      'releaseCoordination.verification.escalateAfter: "four hours" is not an ISO 8601 duration',
    );
    expect(() =>
      read({
        httpChecker: {
          metrics: { m: { urlTemplate: 'file:///etc/passwd', valuePath: 'x' } },
        },
      }),
    ).toThrow(
      'releaseCoordination.verification.httpChecker.metrics.m.urlTemplate: must be an http(s) URL',
    );
  });
});
