import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ACTIVE_RELEASE_STATES,
  DEFAULT_READINESS_ANNOTATIONS,
  DEFAULT_READINESS_TEMPLATES,
  RELEASE_TYPES,
  ReadinessItem,
  ReadinessTemplateItem,
  Release,
  ReleaseReadiness,
  ReleaseType,
} from '@internal/plugin-release-coordination-common';
import { ApprovalService } from '../approvals/ApprovalService';
import { fetchEntities } from '../approvals/catalogFacts';
import { ConflictService } from '../conflicts/ConflictService';
import { DatabaseApprovalStore } from '../database/DatabaseApprovalStore';
import { ReleaseStore } from '../database/ReleaseStore';
import { ReleaseNotifier } from '../notifications/ReleaseNotifier';
import {
  ReleaseService,
  ReleaseTransitionGuard,
} from '../releases/ReleaseService';

type UserCredentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * The readiness settings from app-config, with defaults.
 *
 * @public
 */
export interface ReadinessPolicy {
  templates: Record<ReleaseType, ReadinessTemplateItem[]>;
  requiredAnnotations: string[];
}

/** Reads `releaseCoordination.readiness`, refusing unknown release types at startup. */
export function readReadinessPolicy(config: Config): ReadinessPolicy {
  const readiness = config.getOptionalConfig('releaseCoordination.readiness');
  const templates = { ...DEFAULT_READINESS_TEMPLATES };
  const templatesConfig = readiness?.getOptionalConfig('templates');
  for (const type of templatesConfig?.keys() ?? []) {
    if (!(RELEASE_TYPES as readonly string[]).includes(type)) {
      throw new Error(
        `releaseCoordination.readiness.templates: unknown release type "${type}"; known are ${RELEASE_TYPES.join(
          ', ',
        )}`,
      );
    }
    templates[type as ReleaseType] = templatesConfig!
      .getConfigArray(type)
      .map(item => ({
        id: item.getString('id'),
        label: item.getString('label'),
      }));
  }
  return {
    templates,
    requiredAnnotations:
      readiness?.getOptionalStringArray('requiredAnnotations') ??
      DEFAULT_READINESS_ANNOTATIONS,
  };
}

const DONE_STATES = new Set(['released', 'verified']);

/**
 * The go / no-go checklist of releases: automatic items computed from data
 * and manual items checked by members of the owning group; gates `in_progress`.
 *
 * @public
 */
export class ReadinessService {
  private readonly releases: ReleaseService;
  private readonly releaseStore: ReleaseStore;
  private readonly store: DatabaseApprovalStore;
  private readonly approvals: ApprovalService;
  private readonly conflicts?: ConflictService;
  private readonly catalog: CatalogService;
  private readonly auditor: AuditorService;
  private readonly policy: ReadinessPolicy;
  private readonly notifier?: ReleaseNotifier;

  constructor(options: {
    releases: ReleaseService;
    releaseStore: ReleaseStore;
    store: DatabaseApprovalStore;
    approvals: ApprovalService;
    conflicts?: ConflictService;
    catalog: CatalogService;
    auditor: AuditorService;
    policy: ReadinessPolicy;
    notifier?: ReleaseNotifier;
  }) {
    this.releases = options.releases;
    this.releaseStore = options.releaseStore;
    this.store = options.store;
    this.approvals = options.approvals;
    this.conflicts = options.conflicts;
    this.catalog = options.catalog;
    this.auditor = options.auditor;
    this.policy = options.policy;
    this.notifier = options.notifier;
  }

  /** Hooks the readiness gate on `in_progress` into the release lifecycle. */
  register() {
    this.releases.addTransitionGuard(this.guard);
  }

  async getReadiness(
    release: Release,
    credentials: UserCredentials,
  ): Promise<ReleaseReadiness> {
    const [approvals, conflicts, predecessors, entities, checks] =
      await Promise.all([
        this.approvals.getApprovals(release, credentials, {
          forCaller: false,
        }),
        this.conflicts
          ? this.conflicts.conflictsOf([release], credentials)
          : [],
        release.after?.length
          ? this.releaseStore.getReleases(release.after)
          : [],
        fetchEntities(this.catalog, release.entityRefs, credentials),
        this.store.listChecks(release.id),
      ]);

    const items: ReadinessItem[] = [];
    items.push({
      id: 'approvals',
      label: 'Approvals complete',
      kind: 'automatic',
      passed: approvals.complete,
      facts: [
        ...approvals.required.map(r => `${r.groupRef}: ${r.status}`),
        ...(approvals.required.length === 0
          ? [`No approvals needed (rule "${approvals.rule}")`]
          : []),
      ],
    });

    const blocking = conflicts.filter(c => c.severity === 'blocking');
    items.push({
      id: 'no-blocking-conflict',
      label: 'No blocking conflict',
      kind: 'automatic',
      passed: blocking.length === 0,
      facts: blocking.map(c => `${c.kind}: ${c.message}`),
    });

    const byId = new Map(predecessors.map(r => [r.id, r]));
    const unreleased = (release.after ?? []).filter(
      id => !DONE_STATES.has(byId.get(id)?.state ?? ''),
    );
    items.push({
      id: 'predecessors-released',
      label: 'Releases it must follow are released',
      kind: 'automatic',
      passed: unreleased.length === 0,
      facts: unreleased.map(id => {
        const other = byId.get(id);
        return other
          ? `"${other.title}" (${id}) is ${other.state}`
          : `${id} is unknown`;
      }),
    });

    const missing: string[] = [];
    for (const entityRef of release.entityRefs) {
      const annotations = entities.get(entityRef)?.metadata.annotations ?? {};
      const absent = this.policy.requiredAnnotations.filter(
        key => !annotations[key],
      );
      if (absent.length > 0) {
        missing.push(`${entityRef} lacks ${absent.join(', ')}`);
      }
    }
    items.push({
      id: 'on-call-monitoring',
      label: 'Entities declare on-call and monitoring',
      kind: 'automatic',
      passed: missing.length === 0,
      facts: missing,
    });

    const hasNotes = release.description.trim().length > 0;
    items.push({
      id: 'release-notes-present',
      label: 'Release notes present',
      kind: 'automatic',
      passed: hasNotes,
      facts: hasNotes ? [] : ['The release has no description'],
    });

    const hasRollbackPlan = Boolean(release.rollbackPlan?.trim());
    items.push({
      id: 'rollback-plan-present',
      label: 'Rollback plan present',
      kind: 'automatic',
      passed: hasRollbackPlan,
      facts: hasRollbackPlan ? [] : ['The release has no rollback plan'],
    });

    const checked = new Map(checks.map(c => [c.itemId, c]));
    for (const item of this.policy.templates[release.type]) {
      const check = checked.get(item.id);
      items.push({
        id: item.id,
        label: item.label,
        kind: 'manual',
        passed: Boolean(check),
        facts: check ? [`Checked by ${check.by}`] : ['Not checked yet'],
        ...(check && {
          checkedBy: check.by,
          checkedAt: check.at,
          ...(check.evidence && { evidence: check.evidence }),
        }),
      });
    }

    const failed = items.filter(item => !item.passed);
    return {
      verdict: failed.length === 0 ? 'ready' : 'not-ready',
      blocking: failed.map(item =>
        item.facts.length > 0
          ? `${item.label}: ${item.facts.join('; ')}`
          : item.label,
      ),
      items,
    };
  }

  /** Checks or unchecks a manual item; members of the owning group only. */
  async checkItem(
    id: string,
    itemId: string,
    input: { checked: boolean; evidence?: string },
    credentials: UserCredentials,
  ): Promise<ReleaseReadiness> {
    const release = await this.releases.getRelease(id);
    if (!this.policy.templates[release.type].some(item => item.id === itemId)) {
      throw new NotFoundError(
        `Release ${id} has no manual readiness item "${itemId}"`,
      );
    }
    await this.releases.authorizeChange(release, credentials);
    if (!ACTIVE_RELEASE_STATES.includes(release.state)) {
      throw new ConflictError(
        `Release in state "${release.state}" can no longer be edited`,
      );
    }
    await this.store.setCheck(
      id,
      itemId,
      input.checked
        ? {
            by: credentials.principal.userEntityRef,
            at: new Date().toISOString(),
            evidence: input.evidence,
          }
        : null,
    );
    await this.notifier?.changed(release, 'readiness');
    return this.getReadiness(release, credentials);
  }

  /**
   * Moving to `in_progress` needs `ready`, unless an emergency release is
   * overridden with a reason, which is audited.
   */
  private readonly guard: ReleaseTransitionGuard = async (
    release,
    input,
    credentials,
  ) => {
    if (input.to !== 'in_progress') return;
    const readiness = await this.getReadiness(release, credentials);
    if (readiness.verdict === 'ready') return;
    const refusal = `Release ${
      release.id
    } is not ready: ${readiness.blocking.join(' | ')}`;
    if (!input.override) {
      throw new ConflictError(refusal);
    }
    if (release.type !== 'emergency') {
      throw new ConflictError(
        `${refusal} (only emergency releases may be started with an override)`,
      );
    }
    const event = await this.auditor.createEvent({
      eventId: 'release-readiness-override',
      severityLevel: 'high',
      meta: {
        releaseId: release.id,
        actorRef: credentials.principal.userEntityRef,
        reason: input.override.reason,
        blocking: readiness.blocking,
      },
    });
    await event.success();
  };
}
