import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ACTIVE_RELEASE_STATES,
  CreateCriterionInput,
  isCriterionSettled,
  MAX_CRITERIA,
  RecordCriterionResultInput,
  Release,
  ReleaseVerification,
  SuccessCriterion,
  UpdateCriterionInput,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { randomUUID } from 'node:crypto';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import {
  ReleaseService,
  ReleaseTransitionGuard,
} from '../releases/ReleaseService';
import { VerificationChecker } from './checkers';
import { VerificationStore } from './DatabaseVerificationStore';
import { VerificationSettings } from './verificationConfig';
import { VerificationNotifier } from './VerificationNotifier';
import { UserCredentials } from '../credentials';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Why a criterion keeps a release from `verified`, or undefined when it does not. */
function openReason(criterion: SuccessCriterion): string | undefined {
  if (isCriterionSettled(criterion)) return undefined;
  const status = criterion.outcome ? 'not met' : 'open';
  return `"${criterion.text}" (${status}, owner ${entityName(
    criterion.ownerRef,
  )})`;
}

/** The 404 of a criterion the release does not have (it has no title to name). */
function noSuchCriterion(release: Release, criterionId: string): string {
  return `Release "${release.title}" has no success criterion with the id ${criterionId}`;
}

/**
 * The success criteria of releases: added and edited while a release is
 * planned (by those who may change it), their results recorded after
 * `released` by each criterion's owner; `released → verified` needs every
 * criterion met or waived.
 *
 * @public
 */
export class VerificationService {
  private readonly releases: ReleaseService;
  private readonly store: VerificationStore;
  private readonly catalog: CatalogModel;
  /** The `releaseCoordination.verification` settings. */
  readonly settings: VerificationSettings;
  /** The automatic checkers: the HTTP checker and those of the extension point. */
  readonly checkers: readonly VerificationChecker[];
  /** Tells owners and release managers about open criteria (for the scheduled task). */
  readonly notifier: VerificationNotifier;
  private readonly now: () => Date;

  constructor(options: {
    releases: ReleaseService;
    store: VerificationStore;
    catalog: CatalogModel;
    settings: VerificationSettings;
    checkers?: readonly VerificationChecker[];
    notifier: VerificationNotifier;
    now?: () => Date;
  }) {
    this.releases = options.releases;
    this.store = options.store;
    this.catalog = options.catalog;
    this.settings = options.settings;
    this.checkers = options.checkers ?? [];
    this.notifier = options.notifier;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Hooks verification into the release lifecycle: the guard on `verified`
   * and the templates copied onto every new release.
   */
  register() {
    this.releases.addTransitionGuard(this.guard);
    this.releases.addChangeListener(async ({ before, after }) => {
      if (!before) await this.applyTemplates(after);
    });
  }

  /** The criteria of a release and whether it may be verified. */
  async getVerification(release: Release): Promise<ReleaseVerification> {
    const criteria = await this.store.listCriteria(release.id);
    const blocking = criteria
      .map(openReason)
      .filter((reason): reason is string => Boolean(reason));
    return {
      criteria,
      editable: ACTIVE_RELEASE_STATES.includes(release.state),
      recordable: release.state === 'released',
      verifiable: blocking.length === 0,
      blocking,
    };
  }

  /** Adds a criterion to a release that is not released yet. */
  async addCriterion(
    id: string,
    input: CreateCriterionInput,
    credentials: UserCredentials,
  ): Promise<SuccessCriterion> {
    const release = await this.editableRelease(id, credentials);
    const existing = await this.store.listCriteria(id);
    if (existing.length >= MAX_CRITERIA) {
      throw new ConflictError(
        `Release "${release.title}" already has ${MAX_CRITERIA} success criteria, the most it may have`,
      );
    }
    await this.checkOwner(input.ownerRef, credentials);
    const criterionId = randomUUID();
    await this.store.addCriteria(release.id, [
      {
        id: criterionId,
        text: input.text,
        check: input.check,
        ownerRef: input.ownerRef,
        createdBy: credentials.principal.userEntityRef,
        createdAt: this.now().toISOString(),
      },
    ]);
    return (await this.store.getCriterion(id, criterionId))!;
  }

  /** Changes a criterion of a release that is not released yet. */
  async updateCriterion(
    id: string,
    criterionId: string,
    input: UpdateCriterionInput,
    credentials: UserCredentials,
  ): Promise<SuccessCriterion> {
    const release = await this.editableRelease(id, credentials);
    await this.getCriterion(release, criterionId);
    if (input.ownerRef) await this.checkOwner(input.ownerRef, credentials);
    await this.store.updateCriterion(id, criterionId, {
      ...input,
      updatedAt: this.now().toISOString(),
    });
    return this.getCriterion(release, criterionId);
  }

  /** Removes a criterion of a release that is not released yet. */
  async deleteCriterion(
    id: string,
    criterionId: string,
    credentials: UserCredentials,
  ): Promise<void> {
    const release = await this.editableRelease(id, credentials);
    if (!(await this.store.deleteCriterion(id, criterionId))) {
      throw new NotFoundError(noSuchCriterion(release, criterionId));
    }
  }

  /**
   * Records whether a criterion of a released release is met, not met or
   * waived; only its owner may (the user, or a member of the group).
   */
  async recordResult(
    id: string,
    criterionId: string,
    input: RecordCriterionResultInput,
    credentials: UserCredentials,
  ): Promise<SuccessCriterion> {
    const release = await this.releases.getRelease(id);
    const criterion = await this.getCriterion(release, criterionId);
    const caller = await this.releases.authority.caller(credentials);
    if (!caller.refs.includes(lower(criterion.ownerRef))) {
      throw new NotAllowedError(
        `Only ${entityName(
          criterion.ownerRef,
        )} may record the result of this criterion`,
      );
    }
    if (release.state !== 'released') {
      throw new ConflictError(
        `Results are recorded once the release is released; it is ${release.state}`,
      );
    }
    await this.store.recordOutcome(id, criterionId, {
      result: input.result,
      evidence: input.evidence,
      observedValue: input.observedValue || undefined,
      waiverReason: input.result === 'waived' ? input.waiverReason : undefined,
      recordedBy: credentials.principal.userEntityRef,
      recordedAt: this.now().toISOString(),
    });
    return this.getCriterion(release, criterionId);
  }

  private async getCriterion(
    release: Release,
    criterionId: string,
  ): Promise<SuccessCriterion> {
    const criterion = await this.store.getCriterion(release.id, criterionId);
    if (!criterion) {
      throw new NotFoundError(noSuchCriterion(release, criterionId));
    }
    return criterion;
  }

  /** A release the caller may change whose criteria may still change. */
  private async editableRelease(
    id: string,
    credentials: UserCredentials,
  ): Promise<Release> {
    const release = await this.releases.getRelease(id);
    await this.releases.authorizeChange(release, credentials);
    if (!ACTIVE_RELEASE_STATES.includes(release.state)) {
      throw new ConflictError(
        `Success criteria are set while planning; the release is ${release.state}`,
      );
    }
    return release;
  }

  /** The owner of a criterion is a user or group of the catalog. */
  private async checkOwner(ownerRef: string, credentials: UserCredentials) {
    const found = await this.catalog.describe([ownerRef], credentials);
    if (!found.has(ownerRef)) {
      throw new InputError(`ownerRef: ${ownerRef} is not in the catalog`);
    }
  }

  /** Copies the criteria of the release type's template onto a new release. */
  private async applyTemplates(release: Release) {
    const templates = this.settings.templates[release.type] ?? [];
    const createdAt = this.now().toISOString();
    await this.store.addCriteria(
      release.id,
      templates.map(template => ({
        id: randomUUID(),
        text: template.text,
        check: template.check,
        ownerRef: template.ownerRef ?? release.ownerRef,
        createdBy: release.createdBy,
        createdAt,
      })),
    );
  }

  /** `released → verified` needs every criterion met or waived. */
  private readonly guard: ReleaseTransitionGuard = async (release, input) => {
    if (input.to !== 'verified') return;
    const { blocking } = await this.getVerification(release);
    if (blocking.length === 0) return;
    throw new ConflictError(
      `Release "${
        release.title
      }" cannot be verified: success criteria not met or waived: ${blocking.join(
        '; ',
      )}`,
    );
  };
}
