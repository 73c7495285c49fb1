import {
  CreateCriterionRequest,
  HotfixRequest,
  MAX_READINESS_BATCH,
  ReleaseHotfixLinks,
  Release,
  ReleaseRollbackStatus,
  RollbackDecisionRequest,
  RollbackStepUpdate,
  CreateReleaseIssueRequest,
  Page,
  RecordCriterionResultRequest,
  ReleaseIssue,
  ReleaseVerification,
  SuccessCriterion,
  UpdateCriterionRequest,
  UpdateReleaseIssueRequest,
} from '@internal/plugin-release-coordination-common';
import { ListIssuesRequest } from './ReleaseCoordinationApi';
import { queryString } from './ReleaseCoordinationHttp';
import { ReleaseNotesClient } from './ReleaseNotesClient';

/**
 * The calls about what happens after go-live: success criteria and
 * verification, release issues, rollbacks and follow-up hotfixes.
 *
 * @public
 */
export abstract class AfterGoLiveClient extends ReleaseNotesClient {
  async getReleaseVerification(id: string): Promise<ReleaseVerification> {
    return this.request<ReleaseVerification>(this.criteriaPath(id));
  }

  async addSuccessCriterion(
    id: string,
    request: CreateCriterionRequest,
  ): Promise<SuccessCriterion> {
    return this.request<SuccessCriterion>(this.criteriaPath(id), {
      method: 'POST',
      body: request,
    });
  }

  async updateSuccessCriterion(
    id: string,
    criterionId: string,
    request: UpdateCriterionRequest,
  ): Promise<SuccessCriterion> {
    return this.request<SuccessCriterion>(this.criteriaPath(id, criterionId), {
      method: 'PATCH',
      body: request,
    });
  }

  async deleteSuccessCriterion(id: string, criterionId: string): Promise<void> {
    await this.request<void>(this.criteriaPath(id, criterionId), {
      method: 'DELETE',
    });
  }

  async recordCriterionResult(
    id: string,
    criterionId: string,
    request: RecordCriterionResultRequest,
  ): Promise<SuccessCriterion> {
    return this.request<SuccessCriterion>(
      `${this.criteriaPath(id, criterionId)}/result`,
      { method: 'POST', body: request },
    );
  }

  /** `/releases/:id/criteria`, or one criterion below it. */
  protected criteriaPath(id: string, criterionId?: string): string {
    const base = `/releases/${encodeURIComponent(id)}/criteria`;
    return criterionId === undefined
      ? base
      : `${base}/${encodeURIComponent(criterionId)}`;
  }

  async listReleaseIssues(releaseId: string): Promise<ReleaseIssue[]> {
    const { items } = await this.request<{ items: ReleaseIssue[] }>(
      `/releases/${encodeURIComponent(releaseId)}/issues`,
    );
    return items;
  }

  async recordReleaseIssue(
    releaseId: string,
    request: CreateReleaseIssueRequest,
  ): Promise<ReleaseIssue> {
    return this.request<ReleaseIssue>(
      `/releases/${encodeURIComponent(releaseId)}/issues`,
      { method: 'POST', body: request },
    );
  }

  async getIssue(issueId: string): Promise<ReleaseIssue> {
    return this.request<ReleaseIssue>(`/issues/${encodeURIComponent(issueId)}`);
  }

  async updateIssue(
    issueId: string,
    request: UpdateReleaseIssueRequest,
  ): Promise<ReleaseIssue> {
    return this.request<ReleaseIssue>(
      `/issues/${encodeURIComponent(issueId)}`,
      { method: 'PATCH', body: request },
    );
  }

  async listIssues(
    request: ListIssuesRequest = {},
  ): Promise<Page<ReleaseIssue>> {
    return this.request<Page<ReleaseIssue>>(`/issues${queryString(request)}`);
  }

  async getReleaseRollback(id: string): Promise<ReleaseRollbackStatus> {
    return this.request(`/releases/${encodeURIComponent(id)}/rollback`);
  }

  async decideRollback(
    id: string,
    request: RollbackDecisionRequest,
  ): Promise<ReleaseRollbackStatus> {
    return this.request(
      `/releases/${encodeURIComponent(id)}/rollback-decision`,
      { method: 'POST', body: request },
    );
  }

  async updateRollbackStep(
    id: string,
    index: number,
    request: RollbackStepUpdate,
  ): Promise<ReleaseRollbackStatus> {
    return this.request(
      `/releases/${encodeURIComponent(id)}/rollback/steps/${index}`,
      { method: 'PATCH', body: request },
    );
  }

  async createHotfix(
    id: string,
    request: HotfixRequest = {},
  ): Promise<Release> {
    return this.request(`/releases/${encodeURIComponent(id)}/hotfix`, {
      method: 'POST',
      body: request,
    });
  }

  async listHotfixLinks(releaseIds: string[]): Promise<ReleaseHotfixLinks[]> {
    return this.itemsOfReleases(
      '/hotfix-links',
      releaseIds,
      MAX_READINESS_BATCH,
    );
  }
}
