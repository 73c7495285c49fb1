import { loadConfigSchema } from '@backstage/config-loader';
import { JsonValue } from '@backstage/types';
import path from 'node:path';

// The backend's own config.d.ts declares the key its permission policy reads,
// so `backstage-cli config:check` and config loading validate it.
describe('releaseCoordination.platformAdminGroups in the config schema', () => {
  const schema = loadConfigSchema({
    dependencies: [],
    packagePaths: [path.resolve(__dirname, '../../package.json')],
    excludePackageDependencies: true,
  });

  const process = async (value: JsonValue) =>
    (await schema).process(
      [
        {
          data: { releaseCoordination: { platformAdminGroups: value } },
          context: 'test',
        },
      ],
      { visibility: ['backend'], withFilteredKeys: true },
    );

  it('accepts a list of group refs and keeps it for the backend', async () => {
    const [config] = await process(['group:default/platform-team']);
    expect(config.data).toEqual({
      releaseCoordination: {
        platformAdminGroups: ['group:default/platform-team'],
      },
    });
  });

  it('refuses a single string where a list is expected', async () => {
    await expect(process('group:default/platform-team')).rejects.toThrow(
      /platformAdminGroups/,
    );
  });
});
