import {
  FreezeOccurrence,
  GateResult,
  Release,
} from '@internal/plugin-release-coordination-common';
import { GateBlock, gateBlockers } from './gateBlocks';

/** An instant as the gate's reasons write it (whole seconds without `.000`). */
export const gateInstant = (date: Date | string) =>
  new Date(date).toISOString().replace('.000Z', 'Z');

/**
 * The deploy gate's answer for an entity at an instant: prevented with every
 * reason when no release covers the instant, when a freeze applies that no
 * covering release is exempt from (by type or override), or when `more`
 * blocks; otherwise allowed, with notes on the covering releases and the
 * freezes they may pass.
 */
export function gateVerdict(options: {
  entityRef: string;
  at: string;
  /** The approved or in-progress releases of the entity whose windows cover `at`. */
  covering: Release[];
  /** The occurrences of freezes applying to the entity at `at`. */
  applying: FreezeOccurrence[];
  /** Other reasons to prevent the deploy (conflicts, rollbacks). */
  more: GateBlock[];
  appBaseUrl: string;
}): GateResult {
  const { entityRef, covering, applying } = options;
  const atTime = gateInstant(options.at);
  const blocking: GateBlock[] = [];
  const notes: string[] = [];
  if (covering.length === 0) {
    blocking.push({
      reason: `No approved or in-progress release of ${entityRef} covers ${atTime}.`,
    });
  }
  for (const release of covering) {
    notes.push(
      `Release "${release.title}" (${release.type}, ${
        release.state
      }) of ${entityRef} covers ${atTime} (window ${gateInstant(
        release.window.start,
      )} to ${gateInstant(release.window.end)}).`,
    );
  }
  for (const occurrence of applying) {
    const exempt = covering.find(
      release =>
        occurrence.exemptTypes.includes(release.type) || release.freezeOverride,
    );
    const span = `from ${gateInstant(occurrence.start)} to ${gateInstant(
      occurrence.end,
    )}`;
    if (exempt?.freezeOverride) {
      notes.push(
        `Freeze "${occurrence.title}" applies to ${entityRef} ${span}, but release "${exempt.title}" overrides it: ${exempt.freezeOverride.reason}`,
      );
    } else if (exempt) {
      notes.push(
        `Freeze "${occurrence.title}" applies to ${entityRef} ${span}, but release "${exempt.title}" is of the exempt type ${exempt.type}.`,
      );
    } else {
      blocking.push({
        reason: `Freeze "${occurrence.title}" applies to ${entityRef} ${span}${
          occurrence.exemptTypes.length
            ? `; only releases of type ${occurrence.exemptTypes.join(
                ' or ',
              )} are exempt`
            : ''
        }.`,
        blocker: {
          kind: 'freeze',
          id: occurrence.freezeId,
          title: occurrence.title,
        },
      });
    }
  }
  blocking.push(...options.more);
  return blocking.length > 0
    ? {
        allowed: false,
        status: 'prevented',
        reasons: blocking.map(block => block.reason),
        blockedBy: gateBlockers(blocking, options.appBaseUrl),
      }
    : { allowed: true, status: 'allowed', reasons: notes, blockedBy: [] };
}
