import {
  ChangeKind,
  ImpactReport,
  NotesAudience,
  Release,
  ReleaseChange,
} from '@internal/plugin-release-coordination-common';
import { DateTime } from 'luxon';

/** A System as business readers know it: its display name and tier. */
export interface SystemName {
  ref: string;
  name: string;
  tier?: string;
}

/**
 * What the notes are written from: the release with its change inventory,
 * its impact report, the Systems it touches by name and where its page is.
 */
export interface NotesFacts {
  release: Pick<
    Release,
    'title' | 'version' | 'type' | 'window' | 'ownerRef' | 'description'
  > & { changes: ReleaseChange[] };
  report: Pick<
    ImpactReport,
    'changed' | 'apiConsumers' | 'systems' | 'audiences' | 'graph'
  >;
  systems: SystemName[];
  /** The release page; engineering notes only. */
  releaseUrl: string;
}

/** The order of the kinds in the notes: breaking changes first. */
const KIND_ORDER: ChangeKind[] = [
  'breaking',
  'security',
  'feature',
  'fix',
  'migration',
  'config',
  'dependency',
];

const ENGINEERING_HEADINGS: Record<ChangeKind, string> = {
  breaking: 'Breaking changes',
  security: 'Security',
  feature: 'Features',
  fix: 'Fixes',
  migration: 'Migrations',
  config: 'Configuration',
  dependency: 'Dependencies',
};

/** Business readers get maintenance kinds under one heading. */
const BUSINESS_HEADINGS: Record<ChangeKind, string> = {
  breaking: 'Changes that may need action',
  security: 'Security improvements',
  feature: 'New',
  fix: 'Fixed',
  migration: 'Behind the scenes',
  config: 'Behind the scenes',
  dependency: 'Behind the scenes',
};

const CATALOG_REF =
  /\b(?:component|api|system|domain|resource|group|user|location|template):(?:[\w.-]+\/)?([\w.-]+)/gi;
const UUID =
  /\s*\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** Text shown as it reads, whatever Markdown characters it holds. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+|~!]/g, '\\$&').replace(/\n+/g, ' ');
}

/** `customer-portal` as business readers would write it: `Customer portal`. */
export function humanName(name: string): string {
  const words = name.replace(/^.*[:/]/, '').replace(/[-_]+/g, ' ');
  return words.charAt(0).toLocaleUpperCase('en-US') + words.slice(1);
}

/**
 * Business text without internal refs: catalog refs become the entity's
 * name (its title if the report knows it), UUIDs go.
 */
export function withoutInternalRefs(
  text: string,
  titles: Map<string, string>,
): string {
  return text
    .replace(
      CATALOG_REF,
      (ref, name: string) =>
        titles.get(ref.toLocaleLowerCase('en-US')) ?? humanName(name),
    )
    .replace(UUID, '');
}

function formatWindow(window: Release['window']): string {
  const start = DateTime.fromISO(window.start, { zone: 'utc' });
  const end = DateTime.fromISO(window.end, { zone: 'utc' });
  const sameDay = start.hasSame(end, 'day');
  return `${start.toFormat('d LLLL yyyy, HH:mm')}–${end.toFormat(
    sameDay ? 'HH:mm' : 'd LLLL yyyy, HH:mm',
  )} UTC`;
}

/** The changes grouped under their headings, breaking changes first. */
function groupChanges(
  changes: ReleaseChange[],
  headings: Record<ChangeKind, string>,
): [string, ReleaseChange[]][] {
  const groups = new Map<string, ReleaseChange[]>();
  for (const kind of KIND_ORDER) {
    for (const change of changes.filter(c => c.kind === kind)) {
      const heading = headings[kind];
      groups.set(heading, [...(groups.get(heading) ?? []), change]);
    }
  }
  return [...groups];
}

const bullets = (lines: string[]) => lines.map(line => `- ${line}`);

function engineeringNotes(facts: NotesFacts): string[] {
  const { release, report } = facts;
  const breakingConsumers = report.apiConsumers.filter(c => c.breaking);
  const lines = [
    `# ${escapeMarkdown(`${release.title} ${release.version}`)}`,
    '',
    `**Window:** ${formatWindow(release.window)} · **Type:** ${
      release.type
    } · **Owner:** \`${release.ownerRef}\` · [Release page](${
      facts.releaseUrl
    })`,
  ];
  if (release.description.trim()) lines.push('', release.description.trim());
  for (const [heading, changes] of groupChanges(
    release.changes,
    ENGINEERING_HEADINGS,
  )) {
    lines.push('', `## ${heading}`, '');
    lines.push(
      ...bullets(
        changes.map(
          c =>
            `${escapeMarkdown(c.title)}${
              c.entityRef ? ` (\`${c.entityRef}\`)` : ''
            }${c.link ? ` — [link](<${c.link}>)` : ''}`,
        ),
      ),
    );
    if (heading === ENGINEERING_HEADINGS.breaking && breakingConsumers.length) {
      lines.push(
        '',
        'API consumers to act on:',
        '',
        ...bullets(
          breakingConsumers.map(
            c => `\`${c.consumerRef}\` consumes \`${c.apiRef}\``,
          ),
        ),
      );
    }
  }
  lines.push('', '## Affected', '');
  lines.push(
    ...bullets([
      `**Entities changed:** ${
        report.changed.map(e => `\`${e.entityRef}\``).join(', ') || 'none'
      }`,
      `**Systems:** ${
        report.systems.map(s => `\`${s.ref}\` (${s.count})`).join(', ') ||
        'none'
      }`,
      `**API consumers:** ${
        report.apiConsumers
          .map(
            c =>
              `\`${c.consumerRef}\` via \`${c.apiRef}\`${
                c.breaking ? ' (breaking)' : ''
              }`,
          )
          .join(', ') || 'none'
      }`,
    ]),
  );
  return lines;
}

/** The display names of the entities the report knows, by lower-case ref. */
function titlesOf(facts: NotesFacts): Map<string, string> {
  const titles = new Map<string, string>();
  for (const node of facts.report.graph.nodes) {
    titles.set(
      node.id.toLocaleLowerCase('en-US'),
      node.title ?? humanName(node.name),
    );
  }
  for (const system of facts.systems) titles.set(system.ref, system.name);
  return titles;
}

function businessNotes(facts: NotesFacts): string[] {
  const { release, report } = facts;
  const titles = titlesOf(facts);
  const clean = (text: string) => withoutInternalRefs(text, titles);
  const systemOf = new Map(
    report.graph.nodes.map(node => [node.id, node.system]),
  );
  const systemName = (ref: string) =>
    facts.systems.find(s => s.ref === ref)?.name ?? humanName(ref);
  const lines = [
    `# ${escapeMarkdown(clean(`${release.title} ${release.version}`))}`,
    '',
    `Planned for ${formatWindow(release.window)}.`,
  ];
  if (release.description.trim()) {
    lines.push('', clean(release.description.trim()));
  }
  for (const [heading, changes] of groupChanges(
    release.changes,
    BUSINESS_HEADINGS,
  )) {
    lines.push('', `## ${heading}`, '');
    lines.push(...bullets(changes.map(c => escapeMarkdown(clean(c.title)))));
    if (heading === BUSINESS_HEADINGS.breaking) {
      const consumerSystems = [
        ...new Set(
          report.apiConsumers
            .filter(c => c.breaking)
            .flatMap(c => systemOf.get(c.consumerRef) ?? []),
        ),
      ].map(systemName);
      if (consumerSystems.length) {
        lines.push(
          '',
          `Systems that use what changes: ${consumerSystems.join(', ')}.`,
        );
      }
    }
  }
  const systems = facts.systems.map(
    s => `${escapeMarkdown(s.name)}${s.tier ? ` (${s.tier})` : ''}`,
  );
  const audiences = report.audiences.map(a =>
    escapeMarkdown(humanName(a.audience)),
  );
  lines.push('', '## Who is affected', '');
  lines.push(
    ...bullets([
      `**Systems:** ${systems.join(', ') || 'none'}`,
      `**Audiences:** ${audiences.join(', ') || 'none named'}`,
    ]),
  );
  return lines;
}

/**
 * The release notes of an audience in Markdown, generated from the change
 * inventory and the impact: breaking changes first, then the other kinds in
 * a fixed order, then who is affected. Engineering notes name entities,
 * APIs, consumers and links; business notes name Systems (with their tier)
 * and audiences, with every catalog ref and UUID taken out.
 */
export function composeNotes(
  facts: NotesFacts,
  audience: NotesAudience,
): string {
  const lines =
    audience === 'engineering' ? engineeringNotes(facts) : businessNotes(facts);
  return `${lines.join('\n')}\n`;
}
