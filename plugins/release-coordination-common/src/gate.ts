/**
 * What blocks a deploy: a release (a rollback in progress, a blocking
 * conflict) or a freeze, with the portal page that explains it.
 *
 * @public
 */
export interface GateBlocker {
  kind: 'release' | 'freeze';
  id: string;
  title: string;
  /** The release's page, or the freezes of the portal (`app.baseUrl` first). */
  url: string;
}
