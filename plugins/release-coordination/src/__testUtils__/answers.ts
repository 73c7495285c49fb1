import {
  FreezeOccurrence,
  ImpactReport,
  Release,
  ReleaseApprovals,
  ReleaseEvent,
  ReleaseIssue,
  ReleaseReadiness,
  ReleaseHotfixLinks,
  ReleaseReadinessVerdict,
  ReleaseVerification,
  ReleaseRollbackStatus,
  ReleaseReview,
  Train,
} from '@internal/plugin-release-coordination-common';
import { ContractServer } from './contractServer';

/**
 * Declares the answers the release calendar asks for: a page of these
 * releases (whatever the filters), the freeze occurrences, the trains, the
 * readiness verdicts and the hotfix links, each empty unless given.
 */
export function answerCalendar(
  server: ContractServer,
  answers: {
    releases?: Release[];
    freezeOccurrences?: FreezeOccurrence[];
    trains?: Train[];
    verdicts?: ReleaseReadinessVerdict[];
    hotfixLinks?: ReleaseHotfixLinks[];
  } = {},
) {
  server.respond('get', '/releases', { items: answers.releases ?? [] });
  server.respond('get', '/freeze-occurrences', {
    items: answers.freezeOccurrences ?? [],
  });
  server.respond('get', '/trains', { items: answers.trains ?? [] });
  server.respond('get', '/readiness', { items: answers.verdicts ?? [] });
  server.respond('get', '/hotfix-links', { items: answers.hotfixLinks ?? [] });
}

/**
 * Declares the answers the release page asks for about `release`: the
 * release, its history, the trains and its rollback (empty unless given) and
 * its readiness, approvals, impact and success criteria, each "not found"
 * unless given.
 */
export function answerRelease(
  server: ContractServer,
  release: Release,
  answers: {
    events?: ReleaseEvent[];
    trains?: Train[];
    readiness?: ReleaseReadiness;
    approvals?: ReleaseApprovals;
    impact?: ImpactReport;
    verification?: ReleaseVerification;
    issues?: ReleaseIssue[];
    rollback?: ReleaseRollbackStatus;
    review?: ReleaseReview;
  } = {},
) {
  const path = `/releases/${release.id}`;
  server.respond('get', path, release);
  server.respond(
    'get',
    `${path}/rollback`,
    answers.rollback ?? { hotfixes: [] },
  );
  server.respond('get', `${path}/events`, { items: answers.events ?? [] });
  server.respond('get', `${path}/issues`, { items: answers.issues ?? [] });
  server.respond('get', '/trains', { items: answers.trains ?? [] });
  const optional = [
    ['readiness', answers.readiness],
    ['approvals', answers.approvals],
    ['impact', answers.impact],
    ['criteria', answers.verification],
  ] as const;
  if (answers.review) server.respond('get', `${path}/review`, answers.review);
  else server.fail('get', `${path}/review`, 409, 'it did not go live');
  for (const [part, body] of optional) {
    if (body) server.respond('get', `${path}/${part}`, body);
    else server.fail('get', `${path}/${part}`, 404, `no ${part}`);
  }
}

/**
 * Declares the readiness of releases by id: each one's readiness and
 * approvals ("not found" unless given), and the verdicts of the batch, copied
 * from the readiness.
 */
export function answerReadiness(
  server: ContractServer,
  byRelease: Record<
    string,
    { readiness: ReleaseReadiness; approvals?: ReleaseApprovals }
  >,
) {
  const entries = Object.entries(byRelease);
  server.respond('get', '/readiness', {
    items: entries.map(([releaseId, { readiness }]) => ({
      releaseId,
      verdict: readiness.verdict,
      blocking: readiness.blocking,
    })),
  });
  for (const [id, { readiness, approvals }] of entries) {
    server.respond('get', `/releases/${id}/readiness`, readiness);
    if (approvals)
      server.respond('get', `/releases/${id}/approvals`, approvals);
    else server.fail('get', `/releases/${id}/approvals`, 404, 'no approvals');
  }
}
