import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { releaseReadPermission } from '@internal/plugin-release-coordination-common';
import { searchModuleReleaseCoordinationCollator } from './module';

describe('searchModuleReleaseCoordinationCollator', () => {
  it('registers the release collator on the configured schedule', async () => {
    const addCollator = jest.fn();
    const createScheduledTaskRunner = jest.fn(() => ({ run: jest.fn() }));
    await startTestBackend({
      extensionPoints: [
        [
          searchIndexRegistryExtensionPoint,
          { addCollator, addDecorator: jest.fn() },
        ],
      ],
      features: [
        searchModuleReleaseCoordinationCollator,
        mockServices.scheduler.mock({ createScheduledTaskRunner }).factory,
        mockServices.rootConfig.factory({
          data: {
            search: {
              collators: {
                releaseCoordination: {
                  schedule: {
                    frequency: { minutes: 30 },
                    timeout: { minutes: 5 },
                  },
                  locationTemplate: '/releases/:id',
                },
              },
            },
          },
        }),
      ],
    });
    expect(createScheduledTaskRunner).toHaveBeenCalledWith({
      frequency: { minutes: 30 },
      timeout: { minutes: 5 },
    });
    expect(addCollator).toHaveBeenCalledTimes(1);
    const { factory } = addCollator.mock.calls[0][0];
    expect(factory.type).toBe('release-coordination');
    expect(factory.visibilityPermission).toBe(releaseReadPermission);
  });
});
