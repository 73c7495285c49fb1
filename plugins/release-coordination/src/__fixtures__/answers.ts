import {
  FreezeOccurrence,
  ImpactReport,
  Release,
  ReleaseApprovals,
  ReleaseEvent,
  ReleaseReadiness,
  ReleaseReadinessVerdict,
  Train,
} from '@internal/plugin-release-coordination-common';
import { ContractServer } from './contractServer';

/**
 * Declares the answers the release calendar asks for: a page of these
 * releases (whatever the filters), the freeze occurrences, the trains and the
 * readiness verdicts, each empty unless given.
 */
export function answerCalendar(
  server: ContractServer,
  answers: {
    releases?: Release[];
    freezeOccurrences?: FreezeOccurrence[];
    trains?: Train[];
    verdicts?: ReleaseReadinessVerdict[];
  } = {},
) {
  server.respond('get', '/releases', { items: answers.releases ?? [] });
  server.respond('get', '/freeze-occurrences', {
    items: answers.freezeOccurrences ?? [],
  });
  server.respond('get', '/trains', { items: answers.trains ?? [] });
  server.respond('get', '/readiness', { items: answers.verdicts ?? [] });
}

/**
 * Declares the answers the release page asks for about `release`: the
 * release, its history and the trains (empty unless given) and its readiness,
 * approvals and impact, each "not found" unless given.
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
  } = {},
) {
  const path = `/releases/${release.id}`;
  server.respond('get', path, release);
  server.respond('get', `${path}/events`, { items: answers.events ?? [] });
  server.respond('get', '/trains', { items: answers.trains ?? [] });
  const optional = [
    ['readiness', answers.readiness],
    ['approvals', answers.approvals],
    ['impact', answers.impact],
  ] as const;
  for (const [part, body] of optional) {
    if (body) server.respond('get', `${path}/${part}`, body);
    else server.fail('get', `${path}/${part}`, 404, `no ${part}`);
  }
}
