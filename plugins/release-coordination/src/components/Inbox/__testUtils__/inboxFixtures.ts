import { ApprovalInboxItem } from '@internal/plugin-release-coordination-common';
import { makeApprovals, makeRelease } from '../../../__fixtures__/builders';

/**
 * An inbox item for tests: a planned release `id` on which `groupRef` still
 * has to decide as owner of `entityRef` (or, with `path`, as owner of an
 * affected dependent reached through it), which the caller may decide for
 * unless `mayDecide` is false.
 */
export function makeInboxItem(options: {
  id: string;
  title?: string;
  groupRef?: string;
  createdBy?: string;
  path?: string[];
  mayDecide?: boolean;
}): ApprovalInboxItem {
  const groupRef = options.groupRef ?? 'group:default/payments';
  const entityRef = options.path
    ? options.path[options.path.length - 1]
    : 'component:default/payments-api';
  const required = {
    groupRef,
    reason: options.path ? ('affected-dependent' as const) : ('owner' as const),
    entityRefs: [entityRef],
    phase: 'before' as const,
    status: 'pending' as const,
  };
  return {
    release: makeRelease({
      id: options.id,
      title: options.title ?? 'Ledger 5',
      version: '5.0.0',
      state: 'planned',
      createdBy: options.createdBy ?? 'user:default/grace',
    }),
    approvals: makeApprovals({
      required: [required],
      pending: [groupRef],
      mayDecide: options.mayDecide === false ? [] : [groupRef],
    }),
    groups: [
      {
        ...required,
        paths: options.path
          ? [{ entityRef, path: options.path, via: 'dependsOn' }]
          : [],
      },
    ],
    deadline: '2030-03-01T09:00:00.000Z',
  };
}
