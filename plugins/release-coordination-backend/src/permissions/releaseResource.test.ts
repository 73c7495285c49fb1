import { Release } from '@internal/plugin-release-coordination-common';
import { isReleaseOwner, registerReleaseResource } from './releaseResource';

describe('release permission resource', () => {
  const release = { id: 'r1', ownerRef: 'group:default/team-a' } as Release;

  it('isReleaseOwner matches the owner among the claims, ignoring case', () => {
    expect(
      isReleaseOwner.apply(release, {
        claims: ['user:default/alice', 'group:default/Team-A'],
      }),
    ).toBe(true);
    expect(
      isReleaseOwner.apply(release, { claims: ['group:default/team-b'] }),
    ).toBe(false);
  });

  it('registers the resource type with its rule and loads releases by id', async () => {
    const addResourceType = jest.fn();
    registerReleaseResource({
      permissionsRegistry: { addResourceType } as any,
      store: { getReleases: jest.fn(async () => [release]) } as any,
    });
    const [options] = addResourceType.mock.calls[0];
    expect(options.resourceRef.resourceType).toBe(
      'release-coordination-release',
    );
    expect(options.rules).toEqual([isReleaseOwner]);
    expect(options.permissions.map((p: { name: string }) => p.name)).toContain(
      'release-coordination.release.approve',
    );
    expect(await options.getResources(['r1', 'nope'])).toEqual([
      release,
      undefined,
    ]);
  });
});
