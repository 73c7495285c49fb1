import {
  AnnouncementMoment,
  AnnouncementPreview,
  ReleaseNotes,
  ReleaseNotesFeed,
  ReleaseNotesQuery,
  SaveReleaseNotesRequest,
} from '@internal/plugin-release-coordination-common';
import { queryString } from './ReleaseCoordinationHttp';
import { ReviewsClient } from './ReviewsClient';

/** The calls about release notes and announcements. @public */
export abstract class ReleaseNotesClient extends ReviewsClient {
  async getReleaseNotes(
    id: string,
    query: ReleaseNotesQuery = {},
  ): Promise<ReleaseNotes> {
    return this.request(
      `/releases/${encodeURIComponent(id)}/notes${queryString(query)}`,
    );
  }

  async saveReleaseNotes(
    id: string,
    request: SaveReleaseNotesRequest,
  ): Promise<ReleaseNotes> {
    return this.request(`/releases/${encodeURIComponent(id)}/notes`, {
      method: 'PUT',
      body: request,
    });
  }

  async previewAnnouncements(
    id: string,
    moment?: AnnouncementMoment,
  ): Promise<AnnouncementPreview> {
    return this.request(
      `/releases/${encodeURIComponent(id)}/announcements/preview${queryString({
        moment,
      })}`,
    );
  }

  async listNotesFeeds(): Promise<ReleaseNotesFeed[]> {
    return (await this.request<{ items: ReleaseNotesFeed[] }>('/notes-feeds'))
      .items;
  }

  async createNotesFeed(system: string): Promise<ReleaseNotesFeed> {
    return this.request('/notes-feeds', { method: 'POST', body: { system } });
  }

  async deleteNotesFeed(id: string): Promise<void> {
    await this.request<void>(`/notes-feeds/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }
}
