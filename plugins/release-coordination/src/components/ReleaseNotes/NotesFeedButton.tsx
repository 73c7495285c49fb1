import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import RssFeedIcon from '@material-ui/icons/RssFeed';
import {
  ReleaseNotesFeed,
  entityName,
} from '@internal/plugin-release-coordination-common';
import { useCallback, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api/ReleaseCoordinationApi';
import { SecretFeedDialog } from '../shared/SecretFeedDialog';

/**
 * "Release notes feed" of a System: a personal Atom feed URL of its
 * released notes (the business audience's) for readers outside the portal,
 * shown once, and the user's feeds of this System with Revoke.
 */
export function NotesFeedButton(props: { system: string }) {
  const { system } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [open, setOpen] = useState(false);
  const name = entityName(system);
  const list = useCallback(
    async () =>
      (await api.listNotesFeeds()).filter(
        feed =>
          feed.system.toLocaleLowerCase('en-US') ===
          system.toLocaleLowerCase('en-US'),
      ),
    [api, system],
  );
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<RssFeedIcon />}
        onClick={() => setOpen(true)}
      >
        Release notes feed
      </Button>
      <SecretFeedDialog<ReleaseNotesFeed>
        open={open}
        onClose={() => setOpen(false)}
        id="notes-feed"
        title={`Release notes of ${name} as a feed`}
        explanation={`An Atom feed URL lists the release notes of ${name}'s released releases, written for its users and business stakeholders, for feed readers and people outside the portal. Anyone with the URL can read the feed; revoke it when it is no longer needed.`}
        describe={feed => `release notes of ${entityName(feed.system)}`}
        listLabel={`Your release notes feeds of ${name}`}
        revokeWarning="Feed readers subscribed to its URL stop getting new notes; a new feed has a new URL."
        list={list}
        create={() => api.createNotesFeed(system)}
        revoke={id => api.deleteNotesFeed(id)}
      />
    </>
  );
}
