import {
  ApprovalDecisionRequest,
  ApprovalInboxItem,
  CalendarFeed,
  CheckReadinessItemRequest,
  CalendarFilters,
  Conflict,
  CreateFreezeRequest,
  CreateReleaseRequest,
  Freeze,
  FreezeOccurrence,
  ImpactReport,
  ImpactRequest,
  Page,
  Release,
  ReleaseApprovals,
  ReleaseEvent,
  MAX_READINESS_BATCH,
  ReleaseReadiness,
  ReleaseReadinessVerdict,
  RiskLevel,
  Slot,
  Train,
  TrainBooking,
  TrainSlot,
  TrainStats,
  TransitionReleaseRequest,
  UpdateFreezeRequest,
  UpcomingImpactItem,
  UpdateReleaseRequest,
  HandoverRequest,
  StandardChange,
  EntityAnnotationReport,
} from '@internal/plugin-release-coordination-common';
import {
  EndFreezeRequest,
  ListConflictsRequest,
  ListFreezeOccurrencesRequest,
  ListFreezesRequest,
  ListReleasesRequest,
  ListTrainSlotsRequest,
  ListUpcomingImpactRequest,
  ReleaseCoordinationApi,
  SuggestSlotsRequest,
  TrainStatsRequest,
} from './ReleaseCoordinationApi';
import { AfterGoLiveClient } from './AfterGoLiveClient';
import { queryString } from './ReleaseCoordinationHttp';

/**
 * `ReleaseCoordinationApi` over HTTP, calling the backend as the signed-in user.
 *
 * @public
 */
export class ReleaseCoordinationClient
  extends AfterGoLiveClient
  implements ReleaseCoordinationApi
{
  async listReleases(
    request: ListReleasesRequest = {},
  ): Promise<Page<Release>> {
    return this.request<Page<Release>>(`/releases${queryString(request)}`);
  }

  async getRelease(id: string): Promise<Release> {
    return this.request<Release>(`/releases/${encodeURIComponent(id)}`);
  }

  async createRelease(request: CreateReleaseRequest): Promise<Release> {
    return this.request<Release>('/releases', {
      method: 'POST',
      body: request,
    });
  }

  async updateRelease(
    id: string,
    request: UpdateReleaseRequest,
  ): Promise<Release> {
    return this.request<Release>(`/releases/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  async transitionRelease(
    id: string,
    request: TransitionReleaseRequest,
  ): Promise<Release> {
    return this.request<Release>(
      `/releases/${encodeURIComponent(id)}/transition`,
      { method: 'POST', body: request },
    );
  }

  async listReleaseEvents(id: string): Promise<ReleaseEvent[]> {
    const page = await this.request<{ items: ReleaseEvent[] }>(
      `/releases/${encodeURIComponent(id)}/events`,
    );
    return page.items;
  }

  async offerHandover(id: string, request: HandoverRequest): Promise<Release> {
    return this.request<Release>(
      `/releases/${encodeURIComponent(id)}/handover`,
      { method: 'POST', body: request },
    );
  }

  async acceptHandover(id: string): Promise<Release> {
    return this.request<Release>(
      `/releases/${encodeURIComponent(id)}/handover/accept`,
      { method: 'POST', body: {} },
    );
  }

  async cancelHandover(id: string): Promise<Release> {
    return this.request<Release>(
      `/releases/${encodeURIComponent(id)}/handover`,
      { method: 'DELETE' },
    );
  }

  async listStandardChanges(): Promise<StandardChange[]> {
    const page = await this.request<{ items: StandardChange[] }>(
      '/standard-changes',
    );
    return page.items;
  }

  async listFreezeOccurrences(
    request: ListFreezeOccurrencesRequest,
  ): Promise<FreezeOccurrence[]> {
    const page = await this.request<{ items: FreezeOccurrence[] }>(
      `/freeze-occurrences${queryString(request)}`,
    );
    return page.items;
  }

  async listFreezes(request: ListFreezesRequest = {}): Promise<Page<Freeze>> {
    return this.request<Page<Freeze>>(`/freezes${queryString(request)}`);
  }

  async getFreeze(id: string): Promise<Freeze> {
    return this.request<Freeze>(`/freezes/${encodeURIComponent(id)}`);
  }

  async createFreeze(request: CreateFreezeRequest): Promise<Freeze> {
    return this.request<Freeze>('/freezes', { method: 'POST', body: request });
  }

  async updateFreeze(
    id: string,
    request: UpdateFreezeRequest,
  ): Promise<Freeze> {
    return this.request<Freeze>(`/freezes/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  async endFreeze(id: string, request: EndFreezeRequest = {}): Promise<Freeze> {
    return this.request<Freeze>(`/freezes/${encodeURIComponent(id)}/end`, {
      method: 'POST',
      body: request,
    });
  }

  async deleteFreeze(id: string): Promise<void> {
    await this.request<void>(`/freezes/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  async listConflicts(request: ListConflictsRequest): Promise<Conflict[]> {
    const page = await this.request<{ items: Conflict[] }>(
      `/conflicts${queryString(request)}`,
    );
    return page.items;
  }

  async suggestSlots(request: SuggestSlotsRequest): Promise<Slot[]> {
    const page = await this.request<{ items: Slot[] }>(
      `/slots${queryString(request)}`,
    );
    return page.items;
  }

  async overrideFreeze(
    id: string,
    request: { reason: string },
  ): Promise<Release> {
    return this.request<Release>(
      `/releases/${encodeURIComponent(id)}/freeze-override`,
      { method: 'POST', body: request },
    );
  }

  async clearFreezeOverride(id: string): Promise<Release> {
    return this.request<Release>(
      `/releases/${encodeURIComponent(id)}/freeze-override`,
      { method: 'DELETE' },
    );
  }

  async listTrains(): Promise<Train[]> {
    const page = await this.request<{ items: Train[] }>('/trains');
    return page.items;
  }

  async listTrainSlots(
    id: string,
    request: ListTrainSlotsRequest = {},
  ): Promise<TrainSlot[]> {
    const page = await this.request<{ items: TrainSlot[] }>(
      `/trains/${encodeURIComponent(id)}/slots${queryString(request)}`,
    );
    return page.items;
  }

  async getTrainStats(
    id: string,
    request: TrainStatsRequest,
  ): Promise<TrainStats> {
    return this.request<TrainStats>(
      `/trains/${encodeURIComponent(id)}/stats${queryString(request)}`,
    );
  }

  async bookTrainSlot(
    releaseId: string,
    request: { trainId: string; slotStart: string },
  ): Promise<{ booking: TrainBooking; release: Release }> {
    return this.request(
      `/releases/${encodeURIComponent(releaseId)}/train-slot`,
      { method: 'POST', body: request },
    );
  }

  async listCalendarFeeds(): Promise<CalendarFeed[]> {
    const page = await this.request<{ items: CalendarFeed[] }>(
      '/calendar-feeds',
    );
    return page.items;
  }

  async createCalendarFeed(
    filters: CalendarFilters = {},
  ): Promise<CalendarFeed> {
    return this.request<CalendarFeed>('/calendar-feeds', {
      method: 'POST',
      body: { filters },
    });
  }

  async deleteCalendarFeed(id: string): Promise<void> {
    await this.request<void>(`/calendar-feeds/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  async getCalendarIcs(filters: CalendarFilters = {}): Promise<Blob> {
    const response = await this.fetchOk(`/calendar.ics${queryString(filters)}`);
    return response.blob();
  }

  async getImpact(request: ImpactRequest): Promise<ImpactReport> {
    return this.request<ImpactReport>('/impact', {
      method: 'POST',
      body: request,
    });
  }

  async getReleaseImpact(
    id: string,
    request: { maxDepth?: number } = {},
  ): Promise<ImpactReport> {
    return this.request<ImpactReport>(
      `/releases/${encodeURIComponent(id)}/impact${queryString(request)}`,
    );
  }

  async overrideRisk(
    id: string,
    request: { level: RiskLevel; reason: string },
  ): Promise<void> {
    await this.request<unknown>(
      `/releases/${encodeURIComponent(id)}/risk-override`,
      { method: 'POST', body: request },
    );
  }

  async clearRiskOverride(id: string): Promise<void> {
    await this.request<unknown>(
      `/releases/${encodeURIComponent(id)}/risk-override`,
      { method: 'DELETE' },
    );
  }

  async getEntityAnnotationProblems(
    entityRef: string,
  ): Promise<EntityAnnotationReport> {
    return this.request<EntityAnnotationReport>(
      `/entity-annotations${queryString({ entityRef })}`,
    );
  }

  async listUpcomingImpact(
    request: ListUpcomingImpactRequest = {},
  ): Promise<UpcomingImpactItem[]> {
    const page = await this.request<{ items: UpcomingImpactItem[] }>(
      `/impact/upcoming${queryString(request)}`,
    );
    return page.items;
  }

  async getReleaseApprovals(id: string): Promise<ReleaseApprovals> {
    return this.request<ReleaseApprovals>(
      `/releases/${encodeURIComponent(id)}/approvals`,
    );
  }

  async getApprovalInbox(
    request: { limit?: number; cursor?: string } = {},
  ): Promise<Page<ApprovalInboxItem>> {
    return this.request<Page<ApprovalInboxItem>>(
      `/approvals/inbox${queryString(request)}`,
    );
  }

  async decideReleaseApproval(
    id: string,
    request: ApprovalDecisionRequest,
  ): Promise<ReleaseApprovals> {
    return this.request<ReleaseApprovals>(
      `/releases/${encodeURIComponent(id)}/approvals`,
      { method: 'POST', body: request },
    );
  }

  async withdrawReleaseApproval(
    id: string,
    groupRef: string,
  ): Promise<ReleaseApprovals> {
    return this.request<ReleaseApprovals>(
      `/releases/${encodeURIComponent(id)}/approvals/${encodeURIComponent(
        groupRef,
      )}`,
      { method: 'DELETE' },
    );
  }

  async getReleaseReadiness(id: string): Promise<ReleaseReadiness> {
    return this.request<ReleaseReadiness>(
      `/releases/${encodeURIComponent(id)}/readiness`,
    );
  }

  async checkReadinessItem(
    id: string,
    itemId: string,
    request: CheckReadinessItemRequest,
  ): Promise<ReleaseReadiness> {
    return this.request<ReleaseReadiness>(
      `/releases/${encodeURIComponent(id)}/readiness/items/${encodeURIComponent(
        itemId,
      )}`,
      { method: 'POST', body: request },
    );
  }

  async getReadinessVerdicts(
    releaseIds: string[],
  ): Promise<ReleaseReadinessVerdict[]> {
    return this.itemsOfReleases('/readiness', releaseIds, MAX_READINESS_BATCH);
  }
}
