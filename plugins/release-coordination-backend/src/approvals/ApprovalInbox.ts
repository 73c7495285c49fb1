import { UserInfoService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  AFTER_ONLY_STATES,
  ApprovalInboxGroup,
  DECIDABLE_STATES,
  ApprovalInboxItem,
  ApprovalInboxQuery,
  ImpactReport,
  Page,
  Release,
  ReleaseApprovals,
  ReleaseState,
  ReleaseType,
  RELEASE_TYPES,
  RequiredApproval,
} from '@internal/plugin-release-coordination-common';
import { ImpactService } from '../impact/ImpactService';
import { lower } from '../releases/ReleaseAuthority';
import { ReleaseService } from '../releases/ReleaseService';
import { ApprovalPolicy } from './approvalRules';
import { decidingGroups } from './deciders';
import { UserCredentials } from '../credentials';

/** Statuses of a required approval whose group still has to decide. */
const OPEN_STATUSES: readonly RequiredApproval['status'][] = [
  'pending',
  'pending-after',
  'overdue',
];

/** Most releases whose approvals one page looks at; past it the page ends early with a cursor. */
const MAX_SCANNED_PER_PAGE = 200;

/** Releases whose approvals are computed at once. */
const CONCURRENCY = 5;

/** A part of the scan: releases in these states (and of these types). */
interface Segment {
  states: ReleaseState[];
  types?: ReleaseType[];
}

/** Where a page starts: a segment and the release listing's cursor in it. */
interface Position {
  segment: number;
  cursor?: string;
}

const CURSOR_ERROR = 'cursor: not a cursor returned by the approval inbox';

function encodePosition(position: Position): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodePosition(value: string | undefined, segments: number): Position {
  if (!value) return { segment: 0 };
  let position: Partial<Position> | undefined;
  try {
    position = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    position = undefined;
  }
  const { segment, cursor } = position ?? {};
  if (
    typeof segment !== 'number' ||
    !Number.isInteger(segment) ||
    segment < 0 ||
    segment >= segments ||
    (cursor !== undefined && typeof cursor !== 'string')
  ) {
    throw new InputError(CURSOR_ERROR);
  }
  return { segment, cursor };
}

/**
 * The "waiting for my team" inbox: releases on which one of the caller's
 * groups still has to decide (as owner, release manager or owner of an
 * affected dependent), as the approvals compute them, with the dependency
 * paths to the group's affected entities and the deadline.
 */
export class ApprovalInbox {
  /** Decidable releases first, then finished ones that only wait for approvals afterwards. */
  private readonly segments: Segment[];

  constructor(
    private readonly options: {
      releases: Pick<ReleaseService, 'listReleases'>;
      approvals: {
        getApprovals(
          release: Release,
          credentials: UserCredentials,
          options: { impactReport?: () => Promise<ImpactReport> },
        ): Promise<ReleaseApprovals>;
      };
      userInfo: UserInfoService;
      policy: ApprovalPolicy;
      impact?: Pick<ImpactService, 'releaseImpact'>;
    },
  ) {
    const afterTypes = RELEASE_TYPES.filter(
      type => options.policy.rules[type] === 'release-manager',
    );
    this.segments = [
      { states: [...DECIDABLE_STATES] },
      ...(afterTypes.length > 0
        ? [{ states: [...AFTER_ONLY_STATES], types: afterTypes }]
        : []),
    ];
  }

  /**
   * A page of the caller's inbox, by window start; a page may end early
   * (with a cursor) after looking at {@link MAX_SCANNED_PER_PAGE} releases.
   * With `groupRef`, only what that group of the caller's still has to
   * decide (nothing for a group the caller is not in). A cursor that is not
   * one of this inbox's is a 400.
   */
  async list(
    query: ApprovalInboxQuery,
    credentials: UserCredentials,
  ): Promise<Page<ApprovalInboxItem>> {
    let position: Position | undefined = decodePosition(
      query.cursor,
      this.segments.length,
    );
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      credentials,
    );
    const mine = new Set(ownershipEntityRefs.map(lower));
    const groups = query.groupRef
      ? new Set([lower(query.groupRef)].filter(group => mine.has(group)))
      : mine;
    if (groups.size === 0) return { items: [] };
    const items: ApprovalInboxItem[] = [];
    let scanned = 0;
    while (
      position &&
      items.length < query.limit &&
      scanned < MAX_SCANNED_PER_PAGE
    ) {
      const segment: Segment = this.segments[position.segment];
      const page = await this.options.releases.listReleases(
        {
          state: segment.states,
          type: segment.types,
          order: 'asc',
          limit: query.limit - items.length,
          cursor: position.cursor,
        },
        credentials,
      );
      scanned += page.items.length;
      items.push(...(await this.itemsOf(page.items, groups, credentials)));
      if (page.nextCursor) {
        position = { segment: position.segment, cursor: page.nextCursor };
      } else if (position.segment + 1 < this.segments.length) {
        position = { segment: position.segment + 1 };
      } else {
        position = undefined;
      }
    }
    return position
      ? { items, nextCursor: encodePosition(position) }
      : { items };
  }

  private async itemsOf(
    releases: Release[],
    groups: Set<string>,
    credentials: UserCredentials,
  ): Promise<ApprovalInboxItem[]> {
    const items: (ApprovalInboxItem | undefined)[] = [];
    for (let i = 0; i < releases.length; i += CONCURRENCY) {
      items.push(
        ...(await Promise.all(
          releases
            .slice(i, i + CONCURRENCY)
            .map(release => this.itemOf(release, groups, credentials)),
        )),
      );
    }
    return items.filter((item): item is ApprovalInboxItem => Boolean(item));
  }

  /** The release as an inbox item, when one of `groups` still has to decide on it. */
  private async itemOf(
    release: Release,
    groups: Set<string>,
    credentials: UserCredentials,
  ): Promise<ApprovalInboxItem | undefined> {
    const { impact } = this.options;
    let impactOnce: Promise<ImpactReport> | undefined;
    const impactReport = () =>
      (impactOnce ??= impact!.releaseImpact(
        release.id,
        undefined,
        credentials,
      ));
    const approvals = await this.options.approvals.getApprovals(
      release,
      credentials,
      impact ? { impactReport } : {},
    );
    const deciding = new Set(decidingGroups(release, approvals.required));
    const open = approvals.required.filter(
      r =>
        groups.has(r.groupRef) &&
        deciding.has(r.groupRef) &&
        OPEN_STATUSES.includes(r.status),
    );
    if (open.length === 0) return undefined;
    const dependents =
      impact && open.some(r => r.reason === 'affected-dependent')
        ? (await impactReport()).dependents
        : [];
    const inboxGroups: ApprovalInboxGroup[] = open.map(required => ({
      ...required,
      paths:
        required.reason === 'affected-dependent'
          ? dependents
              .filter(d =>
                required.entityRefs.some(
                  ref => lower(ref) === lower(d.entityRef),
                ),
              )
              .map(({ entityRef, path, via }) => ({ entityRef, path, via }))
          : [],
    }));
    const deadlines = open
      .map(r =>
        r.phase === 'before'
          ? release.window.start
          : approvals.followUpDeadline,
      )
      .filter((at): at is string => Boolean(at))
      .sort((a, b) => Date.parse(a) - Date.parse(b));
    return {
      release,
      approvals,
      groups: inboxGroups,
      ...(deadlines.length > 0 && { deadline: deadlines[0] }),
    };
  }
}
