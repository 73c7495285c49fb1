import { GateBlocker } from '@internal/plugin-release-coordination-common';

/** One reason the deploy gate prevents a deploy, naming the release or freeze behind it when there is one. */
export interface GateBlock {
  reason: string;
  blocker?: Omit<GateBlocker, 'url'>;
}

/** The release page, or the freezes tab of the portal, of a blocker. */
function blockerUrl(appBaseUrl: string, blocker: Omit<GateBlocker, 'url'>) {
  return blocker.kind === 'release'
    ? `${appBaseUrl}/release-coordination/releases/${encodeURIComponent(
        blocker.id,
      )}`
    : `${appBaseUrl}/release-coordination?tab=freezes`;
}

/** The distinct blockers of the blocks, each with its link. */
export function gateBlockers(
  blocks: GateBlock[],
  appBaseUrl: string,
): GateBlocker[] {
  const byKey = new Map<string, GateBlocker>();
  for (const { blocker } of blocks) {
    if (blocker && !byKey.has(`${blocker.kind}:${blocker.id}`)) {
      byKey.set(`${blocker.kind}:${blocker.id}`, {
        ...blocker,
        url: blockerUrl(appBaseUrl, blocker),
      });
    }
  }
  return [...byKey.values()];
}
