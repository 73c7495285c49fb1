import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  ACTIVE_RELEASE_STATES,
  ImpactReport,
  NotesAudience,
  NotesFormat,
  Release,
  ReleaseNotes,
} from '@internal/plugin-release-coordination-common';
import { CatalogModel } from '../catalogGraph/CatalogModel';
import { ImpactService } from '../impact/ImpactService';
import { releaseLink } from '../notifications/ReleaseNotifier';
import { ReleaseService } from '../releases/ReleaseService';
import { composeNotes, humanName, SystemName } from './composeNotes';
import {
  ReleaseNotesStore,
  StoredNotesEdit,
} from './DatabaseReleaseNotesStore';
import { diffLines, notesToHtml } from './renderNotes';
import { UserCredentials } from '../credentials';

/** Whether a release's notes may still be edited: until it is released. */
export const notesEditable = (release: Pick<Release, 'state'>) =>
  ACTIVE_RELEASE_STATES.includes(release.state);

/**
 * Release notes: generated from a release's change inventory and impact,
 * per audience, edited and kept until the release is released, served as
 * Markdown or sanitised HTML.
 */
export class ReleaseNotesService {
  private readonly releases: ReleaseService;
  private readonly impact: Pick<ImpactService, 'releaseImpact'>;
  private readonly catalog: Pick<CatalogModel, 'graph'>;
  private readonly store: ReleaseNotesStore;
  private readonly appBaseUrl: string;
  private readonly now: () => Date;

  constructor(options: {
    releases: ReleaseService;
    impact: Pick<ImpactService, 'releaseImpact'>;
    catalog: Pick<CatalogModel, 'graph'>;
    store: ReleaseNotesStore;
    /** `app.baseUrl`, for the link to the release page. */
    appBaseUrl: string;
    now?: () => Date;
  }) {
    this.releases = options.releases;
    this.impact = options.impact;
    this.catalog = options.catalog;
    this.store = options.store;
    this.appBaseUrl = options.appBaseUrl.replace(/\/+$/, '');
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The notes generated now for an audience, in Markdown, from the release's
   * impact report (computed unless given).
   */
  async generate(
    release: Release,
    audience: NotesAudience,
    credentials: BackstageCredentials,
    impactReport?: ImpactReport,
  ): Promise<string> {
    const report =
      impactReport ??
      (await this.impact.releaseImpact(release, undefined, credentials));
    return composeNotes(
      {
        release,
        report,
        systems: await this.systemNames(report.systems.map(s => s.ref)),
        releaseUrl: `${this.appBaseUrl}${releaseLink(release.id)}`,
      },
      audience,
    );
  }

  /**
   * The notes to publish for an audience (the edit if there is one, else the
   * generated notes), what is generated now and, when edited, the difference.
   */
  async getNotes(
    release: Release,
    query: { audience: NotesAudience; format: NotesFormat },
    credentials: BackstageCredentials,
  ): Promise<ReleaseNotes> {
    const [generated, edit] = await Promise.all([
      this.generate(release, query.audience, credentials),
      this.store.getEdit(release.id, query.audience),
    ]);
    return describeNotes(release, query, generated, edit);
  }

  /** The notes to publish for an audience in Markdown: the edit, else the generated notes. */
  async published(
    release: Release,
    audience: NotesAudience,
    credentials: BackstageCredentials,
    impactReport?: ImpactReport,
  ): Promise<string> {
    const edit = await this.store.getEdit(release.id, audience);
    return (
      edit?.markdown ??
      (await this.generate(release, audience, credentials, impactReport))
    );
  }

  /**
   * Saves the caller's edit of an audience's notes over the revision they
   * read: those who may change the release, until it is released (409
   * after, and for a stale revision).
   */
  async saveNotes(
    id: string,
    input: { audience: NotesAudience; markdown: string; revision: number },
    credentials: UserCredentials,
  ): Promise<ReleaseNotes> {
    const release = await this.releases.getRelease(id);
    await this.releases.authorizeChange(release, credentials);
    if (!notesEditable(release)) {
      throw new ConflictError(
        `The notes of a release in state "${release.state}" can no longer be edited`,
      );
    }
    const generated = await this.generate(release, input.audience, credentials);
    const saved = await this.store.saveEdit(
      {
        releaseId: release.id,
        audience: input.audience,
        markdown: input.markdown,
        baseGenerated: generated,
        editedBy: credentials.principal.userEntityRef,
        editedAt: this.now().toISOString(),
      },
      input.revision,
    );
    if (!saved) {
      throw new ConflictError(
        `The ${input.audience} notes of release "${release.title}" changed since revision ${input.revision}; reload them`,
      );
    }
    return describeNotes(
      release,
      { audience: input.audience, format: 'markdown' },
      generated,
      saved,
    );
  }

  /** The display names and tiers of Systems, as the catalog model knows them. */
  async systemNames(refs: string[]): Promise<SystemName[]> {
    const graph = await this.catalog.graph();
    return refs.map(ref => {
      const node = graph.indexOf(ref);
      if (node < 0) return { ref, name: humanName(ref) };
      return {
        ref,
        name: graph.titles[node] ?? humanName(graph.names[node]),
        tier: graph.tierOf(node),
      };
    });
  }
}

/** The notes of a release for one audience and format, as the API answers them. */
function describeNotes(
  release: Release,
  { audience, format }: { audience: NotesAudience; format: NotesFormat },
  generated: string,
  edit: StoredNotesEdit | undefined,
): ReleaseNotes {
  const markdown = edit?.markdown ?? generated;
  return {
    releaseId: release.id,
    audience,
    format,
    content: format === 'html' ? notesToHtml(markdown) : markdown,
    generated,
    revision: edit?.revision ?? 0,
    editable: notesEditable(release),
    ...(edit && {
      edit: {
        markdown: edit.markdown,
        editedBy: edit.editedBy,
        editedAt: edit.editedAt,
        generatedChanged: edit.baseGenerated !== generated,
        diff: diffLines(edit.markdown, generated),
      },
    }),
  };
}
