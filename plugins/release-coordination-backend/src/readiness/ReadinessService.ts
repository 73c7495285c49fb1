import { AuditorService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ACTIVE_RELEASE_STATES,
  DEFAULT_READINESS_ANNOTATIONS,
  DEFAULT_READINESS_TEMPLATES,
  ImpactReport,
  RELEASE_TYPES,
  ReadinessItem,
  ReadinessTemplateItem,
  Release,
  ReleaseApprovals,
  ReleaseReadiness,
  ReleaseReadinessVerdict,
  ReleaseType,
  RISK_LEVELS,
  RiskAssessment,
  RiskLevel,
  maxRiskLevel,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { ApprovalService } from '../approvals/ApprovalService';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ConflictService } from '../conflicts/ConflictService';
import {
  ApprovalStore,
  ReadinessCheck,
} from '../database/DatabaseApprovalStore';
import { ImpactService } from '../impact/ImpactService';
import { ReleaseStore } from '../database/ReleaseStore';
import {
  ReleaseService,
  ReleaseTransitionGuard,
} from '../releases/ReleaseService';
import {
  collectContributions,
  ReadinessContributor,
} from './readinessContributions';
import { UserCredentials } from '../credentials';

/**
 * The readiness settings from app-config, with defaults.
 *
 * @public
 */
export interface ReadinessPolicy {
  templates: Record<ReleaseType, ReadinessTemplateItem[]>;
  requiredAnnotations: string[];
  /**
   * From this risk level on (computed or overridden, whichever is higher),
   * "Risk assessed" needs an owner's review: a risk override with a reason.
   */
  riskReviewLevel: RiskLevel;
}

/** The risk level from which an owner must review the risk, unless app-config says otherwise. */
export const DEFAULT_RISK_REVIEW_LEVEL: RiskLevel = 'critical';

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
  const riskReviewLevel =
    readiness?.getOptionalString('riskReviewLevel') ??
    DEFAULT_RISK_REVIEW_LEVEL;
  if (!(RISK_LEVELS as readonly string[]).includes(riskReviewLevel)) {
    throw new Error(
      `releaseCoordination.readiness.riskReviewLevel: unknown risk level "${riskReviewLevel}"; known are ${RISK_LEVELS.join(
        ', ',
      )}`,
    );
  }
  return {
    templates,
    requiredAnnotations:
      readiness?.getOptionalStringArray('requiredAnnotations') ??
      DEFAULT_READINESS_ANNOTATIONS,
    riskReviewLevel: riskReviewLevel as RiskLevel,
  };
}

/**
 * The automatic item "Risk assessed". It fails when the release has no change
 * inventory (nothing to score the risk from). Otherwise the level that counts
 * is the higher of the computed and the overridden level: below the review
 * level it passes; at or above it, it passes only when an owner reviewed the
 * risk, i.e. set a risk override with a reason (whatever level they chose).
 * The facts give the level, the matrix cell, the matched hard rules and the
 * review.
 */
export function riskAssessedItem(
  release: Pick<Release, 'changes'>,
  risk: RiskAssessment | undefined,
  reviewLevel: RiskLevel,
): ReadinessItem {
  const item = {
    id: 'risk-assessed',
    label: 'Risk assessed',
    kind: 'automatic' as const,
  };
  if (!risk || release.changes.length === 0) {
    return {
      ...item,
      passed: false,
      facts: ['No change inventory: the risk cannot be scored'],
    };
  }
  const facts = [
    `Risk ${risk.level} (computed ${risk.computedLevel}: probability ${risk.probability} × impact ${risk.impact})`,
    ...risk.rules
      .filter(rule => rule.matched)
      .map(rule => `${rule.label}: at least ${rule.minimumLevel}`),
  ];
  const highest = maxRiskLevel(risk.level, risk.computedLevel);
  const needsReview =
    RISK_LEVELS.indexOf(highest) >= RISK_LEVELS.indexOf(reviewLevel);
  if (risk.override) {
    facts.push(
      `Reviewed by ${risk.override.by}, set to ${risk.override.level}: ${risk.override.reason}`,
    );
  } else if (needsReview) {
    facts.push(
      `Risk ${highest} needs an owner's review: set a risk override with a reason`,
    );
  }
  return { ...item, passed: !needsReview || Boolean(risk.override), facts };
}

const DONE_STATES = new Set(['released', 'verified']);

/** The automatic item "Approvals complete": every required approval given. */
function approvalsItem(approvals: ReleaseApprovals): ReadinessItem {
  return {
    id: 'approvals',
    label: 'Approvals complete',
    kind: 'automatic',
    passed: approvals.complete,
    facts: [
      ...approvals.required.map(r => `${entityName(r.groupRef)}: ${r.status}`),
      ...(approvals.required.length === 0
        ? [`No approvals needed (rule "${approvals.rule}")`]
        : []),
      ...(approvals.followUpDeadline && approvals.pendingAfter.length > 0
        ? [`Approvals afterwards due by ${approvals.followUpDeadline}`]
        : []),
    ],
  };
}

/** The automatic item "Releases it must follow are released", given the releases it must follow. */
function predecessorsItem(
  release: Release,
  predecessors: Release[],
): ReadinessItem {
  const byId = new Map(predecessors.map(r => [r.id, r]));
  const unreleased = (release.after ?? []).filter(
    id => !DONE_STATES.has(byId.get(id)?.state ?? ''),
  );
  return {
    id: 'predecessors-released',
    label: 'Releases it must follow are released',
    kind: 'automatic',
    passed: unreleased.length === 0,
    facts: unreleased.map(id => {
      const other = byId.get(id);
      return other
        ? `"${other.title}" is ${other.state}`
        : `Release ${id} was not found`;
    }),
  };
}

/** The manual items of the release's template, checked or not yet. */
function manualItems(
  templates: ReadinessTemplateItem[],
  checks: ReadinessCheck[],
): ReadinessItem[] {
  const checked = new Map(checks.map(c => [c.itemId, c]));
  return templates.map(item => {
    const check = checked.get(item.id);
    return {
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
    };
  });
}

/** Releases whose readiness one batch computes at the same time. */
const BATCH_CONCURRENCY = 5;

/**
 * The go / no-go checklist of releases: automatic items computed from data
 * and manual items checked by members of the owning group; gates `in_progress`.
 *
 * @public
 */
export class ReadinessService {
  private readonly checkListeners: ((release: Release) => Promise<void>)[] = [];
  private readonly contributors: ReadinessContributor[] = [];

  constructor(
    private readonly options: {
      releases: ReleaseService;
      releaseStore: ReleaseStore;
      store: ApprovalStore;
      approvals: ApprovalService;
      conflicts?: ConflictService;
      /** Impact and risk; with it, the checklist has "Risk assessed". */
      impact?: Pick<ImpactService, 'releaseImpact'>;
      catalog: CatalogModel;
      auditor: AuditorService;
      policy: ReadinessPolicy;
    },
  ) {}

  /** Hooks the readiness gate on `in_progress` into the release lifecycle. */
  register() {
    this.options.releases.addTransitionGuard(this.guard);
  }

  async getReadiness(
    release: Release,
    credentials: UserCredentials,
  ): Promise<ReleaseReadiness> {
    // approvals and the risk item share one impact computation
    let impactOnce: Promise<ImpactReport> | undefined;
    const impactReport = () =>
      (impactOnce ??= this.options.impact!.releaseImpact(
        release.id,
        undefined,
        credentials,
      ));
    const [approvals, conflicts, predecessors, entities, checks, impact] =
      await Promise.all([
        this.options.approvals.getApprovals(release, credentials, {
          forCaller: false,
          ...(this.options.impact && { impactReport }),
        }),
        this.options.conflicts
          ? this.options.conflicts.conflictsOf([release], credentials)
          : [],
        release.after?.length
          ? this.options.releaseStore.getReleases(release.after)
          : [],
        this.options.catalog.describe(release.entityRefs, credentials),
        this.options.store.listChecks(release.id),
        this.options.impact && release.changes.length > 0
          ? impactReport()
          : undefined,
      ]);

    const items: ReadinessItem[] = [];
    items.push(approvalsItem(approvals));

    const blocking = conflicts.filter(c => c.severity === 'blocking');
    items.push({
      id: 'no-blocking-conflict',
      label: 'No blocking conflict',
      kind: 'automatic',
      passed: blocking.length === 0,
      facts: blocking.map(c => `${c.kind}: ${c.message}`),
    });

    items.push(predecessorsItem(release, predecessors));

    const missing: string[] = [];
    for (const entityRef of release.entityRefs) {
      const annotations = entities.get(entityRef)?.annotations ?? {};
      const absent = this.options.policy.requiredAnnotations.filter(
        key => !annotations[key],
      );
      if (absent.length > 0) {
        missing.push(`${entityName(entityRef)} lacks ${absent.join(', ')}`);
      }
    }
    items.push({
      id: 'on-call-monitoring',
      label: 'Entities declare on-call and monitoring',
      kind: 'automatic',
      passed: missing.length === 0,
      facts: missing,
    });

    if (this.options.impact) {
      items.push(
        riskAssessedItem(
          release,
          impact?.risk,
          this.options.policy.riskReviewLevel,
        ),
      );
    }

    const hasRollbackPlan = Boolean(release.rollbackPlan?.trim());
    items.push({
      id: 'rollback-plan-present',
      label: 'Rollback plan present',
      kind: 'automatic',
      passed: hasRollbackPlan,
      facts: hasRollbackPlan ? [] : ['The release has no rollback plan'],
    });

    items.push(
      ...manualItems(this.options.policy.templates[release.type], checks),
    );

    const contributed = await this.contributions(release, credentials);
    items.push(...contributed.items);
    const failed = items.filter(item => !item.passed);
    return {
      ...contributed.facts,
      verdict: failed.length === 0 ? 'ready' : 'not-ready',
      blocking: failed.map(item =>
        item.facts.length > 0
          ? `${item.label}: ${item.facts.join('; ')}`
          : item.label,
      ),
      items,
    };
  }

  /**
   * The verdicts of several releases, in the order asked, computed as for
   * one release (a few at a time). Releases that do not exist or that the
   * caller may not read (others' drafts) are left out.
   */
  async getVerdicts(
    ids: string[],
    credentials: UserCredentials,
  ): Promise<ReleaseReadinessVerdict[]> {
    const verdicts: (ReleaseReadinessVerdict | undefined)[] = [];
    for (let i = 0; i < ids.length; i += BATCH_CONCURRENCY) {
      verdicts.push(
        ...(await Promise.all(
          ids.slice(i, i + BATCH_CONCURRENCY).map(async releaseId => {
            let release: Release;
            try {
              release = await this.options.releases.getReadableRelease(
                releaseId,
                credentials,
              );
            } catch (error) {
              if (error instanceof NotFoundError) return undefined;
              throw error;
            }
            const { verdict, blocking, openIssues, criteria } =
              await this.getReadiness(release, credentials);
            return {
              releaseId,
              verdict,
              blocking,
              ...(openIssues && { openIssues }),
              ...(criteria && { criteria }),
            };
          }),
        )),
      );
    }
    return verdicts.filter((v): v is ReleaseReadinessVerdict => Boolean(v));
  }

  /** Checks or unchecks a manual item; members of the owning group only. */
  async checkItem(
    id: string,
    itemId: string,
    input: { checked: boolean; evidence?: string },
    credentials: UserCredentials,
  ): Promise<ReleaseReadiness> {
    const release = await this.options.releases.getRelease(id);
    if (
      !this.options.policy.templates[release.type].some(
        item => item.id === itemId,
      )
    ) {
      throw new NotFoundError(
        `Release "${release.title}" has no manual readiness item "${itemId}"`,
      );
    }
    await this.options.releases.authorizeChange(release, credentials);
    if (!ACTIVE_RELEASE_STATES.includes(release.state)) {
      throw new ConflictError(
        `Release in state "${release.state}" can no longer be edited`,
      );
    }
    await this.options.store.setCheck(
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
    await Promise.allSettled(
      this.checkListeners.map(listen => listen(release)),
    );
    return this.getReadiness(release, credentials);
  }

  /** Adds a contributor of items and facts to every release's readiness. */
  addContributor(contributor: ReadinessContributor) {
    this.contributors.push(contributor);
  }

  private contributions(release: Release, credentials: UserCredentials) {
    return collectContributions(this.contributors, release, credentials);
  }

  /** Adds a listener told of the release whose manual check was ticked or cleared. */
  addCheckListener(listener: (release: Release) => Promise<void>) {
    this.checkListeners.push(listener);
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
    const refusal = `Release "${
      release.title
    }" is not ready: ${readiness.blocking.join(' | ')}`;
    if (!input.override) {
      throw new ConflictError(refusal);
    }
    if (release.type !== 'emergency') {
      throw new ConflictError(
        `${refusal} (only emergency releases may be started with an override)`,
      );
    }
    const event = await this.options.auditor.createEvent({
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
