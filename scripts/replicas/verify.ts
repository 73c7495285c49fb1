/*
 * Compares what the clients were told with what the cluster kept: every 2xx
 * in the history (or the approvals table) exactly once, nothing from a
 * refused request, stale edits refused with 409, and each release's revision,
 * history and train booking consistent. Requests that got no answer (the
 * crash) are in doubt: they may have been stored, at most once.
 */
import { withDatabase, Query } from './db';
import { Replica } from './cluster';
import { must } from './http';
import { answeredRelease, isOk, Outcome } from './load';
import { DemoUser } from './tokens';

/** What the comparison found. */
export interface Findings {
  /** Acknowledged (2xx) changes found more than once. */
  duplicates: string[];
  /** Acknowledged (2xx) changes not found. */
  missing: string[];
  /** Changes stored although the request was refused, or that nobody asked for. */
  phantom: string[];
  /** Other inconsistencies (revisions, bookings, a 409 to a fresh revision). */
  inconsistent: string[];
}

interface ReleaseEvent {
  action: string;
  changes: { field: string; after?: any }[];
}

const SCHEMA = '"release-coordination"';
/** History events that do not move the revision. */
const NO_REVISION = new Set([
  'approvals-reset',
  'risk-overridden',
  'risk-override-cleared',
]);

const changedTo = (event: ReleaseEvent, field: string) =>
  event.changes.find(c => c.field === field)?.after;

/** How often the history holds the change a request asked for. */
function matches(outcome: Outcome, events: ReleaseEvent[]) {
  const { op } = outcome;
  if (op.kind === 'edit') {
    return events.filter(e => changedTo(e, 'description') === op.marker).length;
  }
  if (op.kind === 'book') {
    return events.filter(e => changedTo(e, 'window')?.start === op.marker)
      .length;
  }
  return 0;
}

/** Each edit and booking against the history, once each if acknowledged. */
function checkChanges(
  outcomes: Outcome[],
  events: ReleaseEvent[],
  f: Findings,
) {
  for (const o of outcomes.filter(x => ['edit', 'book'].includes(x.op.kind))) {
    const found = matches(o, events);
    const what = `${o.op.kind} ${o.op.id} (${o.status})`;
    if (isOk(o) && found === 0) f.missing.push(what);
    if (isOk(o) && found > 1) f.duplicates.push(`${what} x${found}`);
    if (!isOk(o) && o.status !== 0 && found > 0) f.phantom.push(what);
    if (o.status === 0 && found > 1) f.duplicates.push(`${what} x${found}`);
  }
}

/** Transitions to approved: as many in the history as were acknowledged (plus in-doubt ones). */
function checkTransitions(
  outcomes: Outcome[],
  events: ReleaseEvent[],
  f: Findings,
) {
  const transitions = outcomes.filter(o => o.op.kind === 'transition');
  const acked = transitions.filter(isOk).length;
  const inDoubt = transitions.filter(o => o.status === 0).length;
  const stored = events.filter(
    e => e.action === 'transitioned' && changedTo(e, 'state') === 'approved',
  ).length;
  const id = transitions[0]?.op.releaseId;
  if (stored < acked)
    f.missing.push(`${acked - stored} transition(s) of ${id}`);
  if (stored > acked + inDoubt) {
    f.duplicates.push(`${stored - acked} transition(s) of ${id} too many`);
  }
}

/** Revisions: one per acknowledged write, one per stored event, and stale edits refused. */
function checkRevisions(
  outcomes: Outcome[],
  events: ReleaseEvent[],
  release: { id: string; revision: number },
  f: Findings,
) {
  const writes = outcomes.filter(o => o.op.kind !== 'approve');
  const acked = writes.filter(isOk).map(o => answeredRelease(o)?.revision);
  const counted = events.filter(e => !NO_REVISION.has(e.action)).length;
  if (counted !== release.revision) {
    f.inconsistent.push(
      `${release.id}: revision ${release.revision} but ${counted} changes in its history`,
    );
  }
  if (new Set(acked).size !== acked.length) {
    f.duplicates.push(`${release.id}: two 2xx answers with the same revision`);
  }
  const inDoubt = writes.some(o => o.status === 0);
  for (const o of writes.filter(x => x.op.kind === 'edit')) {
    const sent = o.sent.revision as number;
    if (isOk(o) && answeredRelease(o)?.revision !== sent + 1) {
      f.inconsistent.push(
        `edit ${o.op.id} at ${sent} answered another revision`,
      );
    }
    if (o.status === 409 && !acked.includes(sent + 1) && !inDoubt) {
      f.inconsistent.push(
        `edit ${o.op.id} at the current revision ${sent} got 409`,
      );
    }
  }
}

/**
 * Approvals, told apart by their comment: a 201 stored its decisions (one
 * per group the approver could decide for) once each, a refused request none.
 * (A 201 may answer a later approval round when a concurrent change reset
 * the approvals, so the answer's round does not identify the decision.)
 */
async function checkApprovals(query: Query, outcomes: Outcome[], f: Findings) {
  const ids = [...new Set(outcomes.map(o => o.op.releaseId))];
  const rows = await query(
    `SELECT comment, group_ref FROM ${SCHEMA}.release_approval_decisions
     WHERE release_id IN (SELECT unnest(?::text[])) AND comment LIKE 'replicas %'`,
    [ids],
  );
  const known = new Set(outcomes.map(o => o.op.marker));
  for (const o of outcomes.filter(x => x.op.kind === 'approve')) {
    const groups = rows
      .filter(r => r.comment === o.op.marker)
      .map(r => r.group_ref);
    const what = `approval ${o.op.id} (${o.status})`;
    if (isOk(o) && groups.length === 0) f.missing.push(what);
    if (new Set(groups).size !== groups.length) f.duplicates.push(what);
    if (!isOk(o) && o.status !== 0 && groups.length > 0) f.phantom.push(what);
  }
  const strangers = rows.filter(r => !known.has(r.comment)).length;
  if (strangers > 0)
    f.phantom.push(`${strangers} approval(s) nobody asked for`);
}

/** The train booking of a release is on the slot its window is on. */
async function checkBooking(
  query: Query,
  release: { id: string; window: { start: string } },
  f: Findings,
) {
  const rows = await query(
    `SELECT slot_start FROM ${SCHEMA}.train_bookings WHERE release_id = ?`,
    [release.id],
  );
  const booked = rows[0]?.slot_start?.toISOString();
  if (booked && booked !== new Date(release.window.start).toISOString()) {
    f.inconsistent.push(
      `${release.id}: booked on ${booked} but its window starts ${release.window.start}`,
    );
  }
}

/** Compares every answer with what the cluster holds, reading through `reader`. */
export async function verify(options: {
  reader: Replica;
  user: DemoUser;
  databaseUrl: string;
  releaseIds: string[];
  outcomes: Outcome[];
}): Promise<Findings> {
  const f: Findings = {
    duplicates: [],
    missing: [],
    phantom: [],
    inconsistent: [],
  };
  await withDatabase(options.databaseUrl, async query => {
    for (const id of options.releaseIds) {
      const base = options.reader.baseUrl;
      const release = await must(base, options.user, 'GET', `/releases/${id}`);
      const history = await must(
        base,
        options.user,
        'GET',
        `/releases/${id}/events`,
      );
      const mine = options.outcomes.filter(o => o.op.releaseId === id);
      checkChanges(mine, history.items, f);
      checkTransitions(mine, history.items, f);
      checkRevisions(mine, history.items, release, f);
      await checkBooking(query, release, f);
    }
    await checkApprovals(query, options.outcomes, f);
  });
  return f;
}
