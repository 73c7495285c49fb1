import {
  formatMinutes,
  ReleaseReview,
  REVIEW_REASON_TEXT,
} from '@internal/plugin-release-coordination-common';

/** A table cell: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

const section = (title: string, body: string) =>
  `## ${title}\n\n${body.trim() || '_Nothing written yet._'}\n`;

function timeline(review: ReleaseReview): string {
  const { timeline: t } = review.facts;
  const lines = [
    `- Planned window: ${t.window.start} – ${t.window.end}`,
    ...(t.startSlipMinutes !== undefined
      ? [
          `- Started ${t.startedAt} (${formatMinutes(
            t.startSlipMinutes,
          )} after the planned start)`,
        ]
      : []),
    ...(t.endSlipMinutes !== undefined
      ? [
          `- Released ${t.releasedAt} (${formatMinutes(
            t.endSlipMinutes,
          )} after the planned end)`,
        ]
      : []),
    ...t.windowMoves.map(
      move =>
        `- Window moved ${move.at} by ${move.by}: ${move.from.start} → ${move.to.start}`,
    ),
    '',
    '| State | Entered | By |',
    '| --- | --- | --- |',
    ...t.states.map(s => `| ${s.state} | ${s.at} | ${s.by} |`),
  ];
  return lines.join('\n');
}

function facts(review: ReleaseReview): string {
  const { approvals, issues, rollback, criteria } = review.facts;
  const parts = [`### Timeline\n\n${timeline(review)}`];
  parts.push(
    `### Approvals\n\n${
      approvals.leadTimeMinutes !== undefined
        ? `Lead time from planned to approved: ${formatMinutes(
            approvals.leadTimeMinutes,
          )}.\n\n`
        : ''
    }${
      approvals.decisions
        .map(d => `- ${d.groupRef}: ${d.decision} by ${d.by} at ${d.at}`)
        .join('\n') || 'No decisions.'
    }`,
  );
  parts.push(
    `### Issues\n\n${
      issues
        .map(
          i =>
            `- ${i.severity} ${cell(i.title)} (${
              i.status
            }), open ${formatMinutes(i.openMinutes)}`,
        )
        .join('\n') || 'None recorded.'
    }`,
  );
  if (rollback) {
    parts.push(
      `### Rollback\n\nDecided ${rollback.decidedAt} by ${rollback.decidedBy}${
        rollback.emergency ? ' (emergency)' : ''
      }: ${cell(rollback.reason)}${
        rollback.completedAt ? `; completed ${rollback.completedAt}` : ''
      }.\n\n${rollback.steps
        .map(
          (s, i) => `${i + 1}. ${cell(s.title)} — ${s.status} (${s.ownerRef})`,
        )
        .join('\n')}`,
    );
  }
  parts.push(
    `### Success criteria\n\n${
      criteria
        .map(
          c =>
            `- ${cell(c.text)}: ${c.result?.replace('_', ' ') ?? 'no result'}${
              c.observedValue ? ` (${cell(c.observedValue)})` : ''
            }`,
        )
        .join('\n') || 'None.'
    }`,
  );
  return parts.join('\n\n');
}

/**
 * A review as a Markdown document: the release, whether the review is
 * required and why, its status, the prefilled facts, what people wrote and
 * the action items as a task list.
 */
export function reviewMarkdown(review: ReleaseReview): string {
  const requirement = review.required
    ? `Required because ${review.requiredBecause
        .map(r => REVIEW_REASON_TEXT[r])
        .join(', ')}${review.dueAt ? `; due ${review.dueAt}` : ''}.`
    : 'Optional.';
  const status =
    review.status === 'completed'
      ? `Completed ${review.completedAt} by ${review.completedBy}.`
      : `Open${review.overdue ? ' and overdue' : ''}.`;
  const items = review.actionItems
    .map(
      item =>
        `- [${item.status === 'done' ? 'x' : ' '}] ${cell(item.title)} — ${
          item.ownerRef
        }, due ${item.dueDate}`,
    )
    .join('\n');
  return [
    `# Post-release review: ${cell(review.releaseTitle)} ${cell(
      review.releaseVersion,
    )}\n`,
    `Release state: ${review.releaseState} · owner: ${
      review.ownerRef
    } · entities: ${review.entityRefs.join(', ')}\n`,
    `${requirement} ${status}\n`,
    `## Facts\n\n${facts(review)}\n`,
    section('What went well', review.wentWell),
    section("What didn't go well", review.wentWrong),
    section('Lessons', review.lessons),
    section('Action items', items),
  ].join('\n');
}
