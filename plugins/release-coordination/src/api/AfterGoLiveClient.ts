import { MAX_READINESS_BATCH } from '@internal/plugin-release-coordination-common';
import { ReleaseCoordinationApi } from './ReleaseCoordinationApi';
import { queryString } from './ReleaseCoordinationHttp';
import { ReleaseNotesClient } from './ReleaseNotesClient';

/**
 * The calls about what happens after go-live: success criteria and
 * verification, release issues, rollbacks and follow-up hotfixes.
 *
 * @public
 */
export abstract class AfterGoLiveClient extends ReleaseNotesClient {
  getReleaseVerification: ReleaseCoordinationApi['getReleaseVerification'] =
    async id => this.request(this.criteriaPath(id));

  addSuccessCriterion: ReleaseCoordinationApi['addSuccessCriterion'] = async (
    id,
    request,
  ) => this.request(this.criteriaPath(id), 'POST', request);

  updateSuccessCriterion: ReleaseCoordinationApi['updateSuccessCriterion'] =
    async (id, criterionId, request) =>
      this.request(this.criteriaPath(id, criterionId), 'PATCH', request);

  deleteSuccessCriterion: ReleaseCoordinationApi['deleteSuccessCriterion'] =
    async (id, criterionId) => {
      await this.request<void>(this.criteriaPath(id, criterionId), 'DELETE');
    };

  recordCriterionResult: ReleaseCoordinationApi['recordCriterionResult'] =
    async (id, criterionId, request) =>
      this.request(
        `${this.criteriaPath(id, criterionId)}/result`,
        'POST',
        request,
      );

  /** `/releases/:id/criteria`, or one criterion below it. */
  protected criteriaPath(id: string, criterionId?: string): string {
    const base = this.releasePath(id, '/criteria');
    return criterionId === undefined
      ? base
      : `${base}/${encodeURIComponent(criterionId)}`;
  }

  listReleaseIssues: ReleaseCoordinationApi['listReleaseIssues'] =
    async releaseId =>
      this.requestItems(this.releasePath(releaseId, '/issues'));

  recordReleaseIssue: ReleaseCoordinationApi['recordReleaseIssue'] = async (
    releaseId,
    request,
  ) => this.request(this.releasePath(releaseId, '/issues'), 'POST', request);

  getIssue: ReleaseCoordinationApi['getIssue'] = async issueId =>
    this.request(`/issues/${encodeURIComponent(issueId)}`);

  updateIssue: ReleaseCoordinationApi['updateIssue'] = async (
    issueId,
    request,
  ) => this.request(`/issues/${encodeURIComponent(issueId)}`, 'PATCH', request);

  listIssues: ReleaseCoordinationApi['listIssues'] = async (request = {}) =>
    this.request(`/issues${queryString(request)}`);

  getReleaseRollback: ReleaseCoordinationApi['getReleaseRollback'] = async id =>
    this.request(this.releasePath(id, '/rollback'));

  decideRollback: ReleaseCoordinationApi['decideRollback'] = async (
    id,
    request,
  ) =>
    this.request(this.releasePath(id, '/rollback-decision'), 'POST', request);

  updateRollbackStep: ReleaseCoordinationApi['updateRollbackStep'] = async (
    id,
    index,
    request,
  ) =>
    this.request(
      this.releasePath(id, `/rollback/steps/${index}`),
      'PATCH',
      request,
    );

  createHotfix: ReleaseCoordinationApi['createHotfix'] = async (
    id,
    request = {},
  ) => this.request(this.releasePath(id, '/hotfix'), 'POST', request);

  listHotfixLinks: ReleaseCoordinationApi['listHotfixLinks'] =
    async releaseIds =>
      this.itemsOfReleases('/hotfix-links', releaseIds, MAX_READINESS_BATCH);
}
