/*
 * What the load does: a handful of releases of checkout-service, and for each
 * many concurrent edits at the revision the client last saw, approvals by
 * members of the required groups (two per group, so they race), transitions
 * to `approved` and bookings onto slots of the commerce train, interleaved
 * and split across both replicas.
 */
import { DemoUser } from './tokens';
import { must } from './http';

/** The demo users of examples/org.yaml. */
export const DEMO_USER_NAMES = [
  'alice',
  'bob',
  'carol',
  'dave',
  'erin',
  'frank',
  'grace',
  'heidi',
  'ivan',
  'judy',
  'mallory',
  'oscar',
];

/** Who changes the releases: owners (alice creates them, grace) and a release manager. */
const EDITORS = ['alice', 'grace', 'ivan'];
const CREATOR = 'alice';
const ENTITY = 'component:default/checkout-service';
const TRAIN = 'Commerce train';

export interface Slot {
  start: string;
  end: string;
}

/** A release the load works on. */
export interface LoadRelease {
  id: string;
  trainId: string;
  /** Slots of the train no booking used yet, in order. */
  freeSlots: Slot[];
  /** Groups whose approval the release needs. */
  groups: string[];
}

export type OpKind = 'edit' | 'approve' | 'transition' | 'book';

/** One request of the load. */
export interface Op {
  id: string;
  kind: OpKind;
  releaseId: string;
  replica: number;
  user: DemoUser;
  method: string;
  path: string;
  /** Built when sent: an edit carries the revision the client knows then. */
  body: () => Record<string, unknown>;
  /** Edits: the description written; approvals: the comment; bookings: the slot start. */
  marker?: string;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** The bookable slots of the commerce train in the coming 50 weeks. */
async function commerceSlots(baseUrl: string, user: DemoUser) {
  const trains = await must(baseUrl, user, 'GET', '/trains');
  const train = trains.items.find((t: { name: string }) => t.name === TRAIN);
  if (!train) throw new Error(`no train "${TRAIN}" in the demo data`);
  const from = new Date(Date.now() + WEEK_MS).toISOString();
  const to = new Date(Date.now() + 50 * WEEK_MS).toISOString();
  const slots = await must(
    baseUrl,
    user,
    'GET',
    `/trains/${train.id}/slots?from=${from}&to=${to}&count=200`,
  );
  const bookable = slots.items
    .filter((s: { bookable: boolean }) => s.bookable)
    .map((s: Slot) => ({ start: s.start, end: s.end }));
  return { trainId: train.id as string, slots: bookable as Slot[] };
}

/**
 * Creates the releases of the load (as alice, planned, on the first free
 * slot) and reads which groups must approve each.
 */
export async function createLoadReleases(
  baseUrl: string,
  users: Map<string, DemoUser>,
  count: number,
  runId: string,
): Promise<LoadRelease[]> {
  const creator = users.get(CREATOR)!;
  const { trainId, slots } = await commerceSlots(baseUrl, creator);
  const releases: LoadRelease[] = [];
  for (let i = 0; i < count; i++) {
    const created = await must(baseUrl, creator, 'POST', '/releases', {
      title: `Replicas ${runId} #${i + 1}`,
      version: `9.${i}.0`,
      type: 'normal',
      window: slots[0],
      entityRefs: [ENTITY],
      description: 'created by scripts/replicas',
    });
    await must(baseUrl, creator, 'POST', `/releases/${created.id}/transition`, {
      to: 'planned',
    });
    const approvals = await must(
      baseUrl,
      creator,
      'GET',
      `/releases/${created.id}/approvals`,
    );
    releases.push({
      id: created.id,
      trainId,
      freeSlots: slots.slice(1),
      groups: approvals.required.map((r: { groupRef: string }) => r.groupRef),
    });
  }
  return releases;
}

/** Members of a group who may approve (not the creator), at least one. */
function approvers(users: Map<string, DemoUser>, groupRef: string) {
  const members = [...users.values()].filter(
    u => u.groups.includes(groupRef) && u.name !== CREATOR,
  );
  if (members.length === 0)
    throw new Error(`nobody may approve for ${groupRef}`);
  return [members[0], members[1] ?? members[0]];
}

/** A deterministic shuffle (mulberry32), so runs mix the kinds alike. */
function shuffle<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** How many requests of each kind one phase sends per release. */
export const PER_RELEASE = { edits: 24, transitions: 4, bookings: 6 };

type Draft = Omit<Op, 'id' | 'replica'>;

function releaseOps(
  release: LoadRelease,
  users: Map<string, DemoUser>,
  known: Map<string, number>,
  tag: string,
): Draft[] {
  const path = `/releases/${release.id}`;
  const editor = (i: number) => users.get(EDITORS[i % EDITORS.length])!;
  const drafts: Draft[] = [];
  for (let i = 0; i < PER_RELEASE.edits; i++) {
    const marker = `replicas ${tag} edit ${release.id.slice(0, 8)} ${i}`;
    drafts.push({
      kind: 'edit',
      releaseId: release.id,
      user: editor(i),
      method: 'PATCH',
      path,
      marker,
      body: () => ({ revision: known.get(release.id), description: marker }),
    });
  }
  for (const [g, groupRef] of release.groups.entries()) {
    for (const [k, user] of approvers(users, groupRef).entries()) {
      // the comment tells the decisions of each request apart in the table
      const marker = `replicas ${tag} approve ${release.id.slice(
        0,
        8,
      )} ${g}-${k}`;
      drafts.push({
        kind: 'approve',
        releaseId: release.id,
        user,
        method: 'POST',
        path: `${path}/approvals`,
        marker,
        body: () => ({ decision: 'approve', comment: marker }),
      });
    }
  }
  for (let i = 0; i < PER_RELEASE.transitions; i++) {
    drafts.push({
      kind: 'transition',
      releaseId: release.id,
      user: editor(i),
      method: 'POST',
      path: `${path}/transition`,
      body: () => ({ to: 'approved' }),
    });
  }
  for (const slot of release.freeSlots.splice(0, PER_RELEASE.bookings)) {
    drafts.push({
      kind: 'book',
      releaseId: release.id,
      user: editor(drafts.length),
      method: 'POST',
      path: `${path}/train-slot`,
      marker: slot.start,
      body: () => ({ trainId: release.trainId, slotStart: slot.start }),
    });
  }
  return drafts;
}

/** The requests of one phase, shuffled, alternating between the replicas. */
export function phaseOps(
  releases: LoadRelease[],
  users: Map<string, DemoUser>,
  known: Map<string, number>,
  tag: string,
  seed: number,
): Op[] {
  const drafts = releases.flatMap(r => releaseOps(r, users, known, tag));
  return shuffle(drafts, seed).map((draft, index) => ({
    ...draft,
    id: `${tag}-${index}`,
    replica: index % 2,
  }));
}
