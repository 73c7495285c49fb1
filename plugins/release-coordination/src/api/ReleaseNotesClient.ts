import { ReleaseCoordinationApi } from './ReleaseCoordinationApi';
import { queryString } from './ReleaseCoordinationHttp';
import { ReviewsClient } from './ReviewsClient';

/** The calls about release notes and announcements. @public */
export abstract class ReleaseNotesClient extends ReviewsClient {
  getReleaseNotes: ReleaseCoordinationApi['getReleaseNotes'] = async (
    id,
    query = {},
  ) => this.request(this.releasePath(id, `/notes${queryString(query)}`));

  saveReleaseNotes: ReleaseCoordinationApi['saveReleaseNotes'] = async (
    id,
    request,
  ) => this.request(this.releasePath(id, '/notes'), 'PUT', request);

  previewAnnouncements: ReleaseCoordinationApi['previewAnnouncements'] = async (
    id,
    moment,
  ) =>
    this.request(
      this.releasePath(id, `/announcements/preview${queryString({ moment })}`),
    );

  listNotesFeeds: ReleaseCoordinationApi['listNotesFeeds'] = async () =>
    this.requestItems('/notes-feeds');

  createNotesFeed: ReleaseCoordinationApi['createNotesFeed'] = async system =>
    this.request('/notes-feeds', 'POST', { system });

  deleteNotesFeed: ReleaseCoordinationApi['deleteNotesFeed'] = async id => {
    await this.request<void>(
      `/notes-feeds/${encodeURIComponent(id)}`,
      'DELETE',
    );
  };
}
