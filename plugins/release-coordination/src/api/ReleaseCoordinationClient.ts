import { MAX_READINESS_BATCH } from '@internal/plugin-release-coordination-common';
import { ReleaseCoordinationApi } from './ReleaseCoordinationApi';
import { AfterGoLiveClient } from './AfterGoLiveClient';
import { queryString } from './ReleaseCoordinationHttp';

/**
 * `ReleaseCoordinationApi` over HTTP, calling the backend as the signed-in
 * user. Each call is typed by the method of the interface it implements.
 *
 * @public
 */
export class ReleaseCoordinationClient
  extends AfterGoLiveClient
  implements ReleaseCoordinationApi
{
  listReleases: ReleaseCoordinationApi['listReleases'] = async (request = {}) =>
    this.request(`/releases${queryString(request)}`);

  getRelease: ReleaseCoordinationApi['getRelease'] = async id =>
    this.request(this.releasePath(id));

  createRelease: ReleaseCoordinationApi['createRelease'] = async request =>
    this.request('/releases', 'POST', request);

  updateRelease: ReleaseCoordinationApi['updateRelease'] = async (
    id,
    request,
  ) => this.request(this.releasePath(id), 'PATCH', request);

  transitionRelease: ReleaseCoordinationApi['transitionRelease'] = async (
    id,
    request,
  ) => this.request(this.releasePath(id, '/transition'), 'POST', request);

  listReleaseEvents: ReleaseCoordinationApi['listReleaseEvents'] = async id =>
    this.requestItems(this.releasePath(id, '/events'));

  offerHandover: ReleaseCoordinationApi['offerHandover'] = async (
    id,
    request,
  ) => this.request(this.releasePath(id, '/handover'), 'POST', request);

  acceptHandover: ReleaseCoordinationApi['acceptHandover'] = async id =>
    this.request(this.releasePath(id, '/handover/accept'), 'POST', {});

  cancelHandover: ReleaseCoordinationApi['cancelHandover'] = async id =>
    this.request(this.releasePath(id, '/handover'), 'DELETE');

  listStandardChanges: ReleaseCoordinationApi['listStandardChanges'] =
    async () => this.requestItems('/standard-changes');

  listFreezeOccurrences: ReleaseCoordinationApi['listFreezeOccurrences'] =
    async request =>
      this.requestItems(`/freeze-occurrences${queryString(request)}`);

  listFreezes: ReleaseCoordinationApi['listFreezes'] = async (request = {}) =>
    this.request(`/freezes${queryString(request)}`);

  getFreeze: ReleaseCoordinationApi['getFreeze'] = async id =>
    this.request(`/freezes/${encodeURIComponent(id)}`);

  createFreeze: ReleaseCoordinationApi['createFreeze'] = async request =>
    this.request('/freezes', 'POST', request);

  updateFreeze: ReleaseCoordinationApi['updateFreeze'] = async (id, request) =>
    this.request(`/freezes/${encodeURIComponent(id)}`, 'PATCH', request);

  endFreeze: ReleaseCoordinationApi['endFreeze'] = async (id, request = {}) =>
    this.request(`/freezes/${encodeURIComponent(id)}/end`, 'POST', request);

  deleteFreeze: ReleaseCoordinationApi['deleteFreeze'] = async id => {
    await this.request<void>(`/freezes/${encodeURIComponent(id)}`, 'DELETE');
  };

  listConflicts: ReleaseCoordinationApi['listConflicts'] = async request =>
    this.request(`/conflicts${queryString(request)}`);

  suggestSlots: ReleaseCoordinationApi['suggestSlots'] = async request =>
    this.requestItems(`/slots${queryString(request)}`);

  overrideFreeze: ReleaseCoordinationApi['overrideFreeze'] = async (
    id,
    request,
  ) => this.request(this.releasePath(id, '/freeze-override'), 'POST', request);

  clearFreezeOverride: ReleaseCoordinationApi['clearFreezeOverride'] =
    async id =>
      this.request(this.releasePath(id, '/freeze-override'), 'DELETE');

  listTrains: ReleaseCoordinationApi['listTrains'] = async () =>
    this.requestItems('/trains');

  listTrainSlots: ReleaseCoordinationApi['listTrainSlots'] = async (
    id,
    request = {},
  ) =>
    this.requestItems(
      `/trains/${encodeURIComponent(id)}/slots${queryString(request)}`,
    );

  getTrainStats: ReleaseCoordinationApi['getTrainStats'] = async (
    id,
    request,
  ) =>
    this.request(
      `/trains/${encodeURIComponent(id)}/stats${queryString(request)}`,
    );

  bookTrainSlot: ReleaseCoordinationApi['bookTrainSlot'] = async (
    releaseId,
    request,
  ) =>
    this.request(this.releasePath(releaseId, '/train-slot'), 'POST', request);

  listCalendarFeeds: ReleaseCoordinationApi['listCalendarFeeds'] = async () =>
    this.requestItems('/calendar-feeds');

  createCalendarFeed: ReleaseCoordinationApi['createCalendarFeed'] = async (
    filters = {},
  ) => this.request('/calendar-feeds', 'POST', { filters });

  deleteCalendarFeed: ReleaseCoordinationApi['deleteCalendarFeed'] =
    async id => {
      await this.request<void>(
        `/calendar-feeds/${encodeURIComponent(id)}`,
        'DELETE',
      );
    };

  getCalendarIcs: ReleaseCoordinationApi['getCalendarIcs'] = async (
    filters = {},
  ) => {
    const response = await this.fetchOk(`/calendar.ics${queryString(filters)}`);
    return response.blob();
  };

  getImpact: ReleaseCoordinationApi['getImpact'] = async request =>
    this.request('/impact', 'POST', request);

  getReleaseImpact: ReleaseCoordinationApi['getReleaseImpact'] = async (
    id,
    request = {},
  ) => this.request(this.releasePath(id, `/impact${queryString(request)}`));

  overrideRisk: ReleaseCoordinationApi['overrideRisk'] = async (
    id,
    request,
  ) => {
    await this.request<unknown>(
      this.releasePath(id, '/risk-override'),
      'POST',
      request,
    );
  };

  clearRiskOverride: ReleaseCoordinationApi['clearRiskOverride'] = async id => {
    await this.request<unknown>(
      this.releasePath(id, '/risk-override'),
      'DELETE',
    );
  };

  getEntityAnnotationProblems: ReleaseCoordinationApi['getEntityAnnotationProblems'] =
    async entityRef =>
      this.request(`/entity-annotations${queryString({ entityRef })}`);

  listUpcomingImpact: ReleaseCoordinationApi['listUpcomingImpact'] = async (
    request = {},
  ) => this.requestItems(`/impact/upcoming${queryString(request)}`);

  getReleaseApprovals: ReleaseCoordinationApi['getReleaseApprovals'] =
    async id => this.request(this.releasePath(id, '/approvals'));

  getApprovalInbox: ReleaseCoordinationApi['getApprovalInbox'] = async (
    request = {},
  ) => this.request(`/approvals/inbox${queryString(request)}`);

  decideReleaseApproval: ReleaseCoordinationApi['decideReleaseApproval'] =
    async (id, request) =>
      this.request(this.releasePath(id, '/approvals'), 'POST', request);

  withdrawReleaseApproval: ReleaseCoordinationApi['withdrawReleaseApproval'] =
    async (id, groupRef) =>
      this.request(
        this.releasePath(id, `/approvals/${encodeURIComponent(groupRef)}`),
        'DELETE',
      );

  getReleaseReadiness: ReleaseCoordinationApi['getReleaseReadiness'] =
    async id => this.request(this.releasePath(id, '/readiness'));

  checkReadinessItem: ReleaseCoordinationApi['checkReadinessItem'] = async (
    id,
    itemId,
    request,
  ) =>
    this.request(
      this.releasePath(id, `/readiness/items/${encodeURIComponent(itemId)}`),
      'POST',
      request,
    );

  getReadinessVerdicts: ReleaseCoordinationApi['getReadinessVerdicts'] =
    async releaseIds =>
      this.itemsOfReleases('/readiness', releaseIds, MAX_READINESS_BATCH);
}
