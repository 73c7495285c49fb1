import {
  Release,
  ReleaseFieldChange,
} from '@internal/plugin-release-coordination-common';
import {
  NewReleaseEvent,
  ReleaseFields,
  ReleaseStore,
  WriteAlongside,
} from '../database/ReleaseStore';
import { fieldChanges } from './fieldChanges';
import type { ReleaseChangeListener } from './ReleaseService';
import { UserCredentials } from '../credentials';

/**
 * Stores changes to releases at their current revision with their history
 * event, and tells the change listeners of every change.
 */
export class ReleaseRecorder {
  private readonly store: ReleaseStore;
  private readonly now: () => Date;
  private readonly listeners: ReleaseChangeListener[] = [];

  constructor(options: { store: ReleaseStore; now: () => Date }) {
    this.store = options.store;
    this.now = options.now;
  }

  /** Adds a listener told about every created or changed release. */
  addChangeListener(listener: ReleaseChangeListener) {
    this.listeners.push(listener);
  }

  /** Tells every listener of a change (their failures are theirs); returns the release after it. */
  async changed(
    change: Parameters<ReleaseChangeListener>[0],
  ): Promise<Release> {
    await Promise.allSettled(this.listeners.map(listener => listener(change)));
    return change.after;
  }

  /**
   * Stores fields with their history event at the release's current revision
   * (and `alongside` in the same transaction), and tells the listeners.
   */
  async storeEvent(
    current: Release,
    fields: Partial<ReleaseFields>,
    event: NewReleaseEvent,
    credentials: UserCredentials,
    alongside?: WriteAlongside,
  ): Promise<Release> {
    const updated = await this.store.updateRelease({
      id: current.id,
      revision: current.revision,
      fields,
      event,
      alongside,
    });
    return this.changed({
      before: current,
      after: updated,
      event,
      credentials,
    });
  }

  /**
   * Stores a change of fields with its history event (changes as
   * {@link fieldChanges} finds them unless given), and tells the listeners.
   */
  async storeChange(
    current: Release,
    credentials: UserCredentials,
    step: {
      action: NewReleaseEvent['action'];
      fields: Partial<ReleaseFields>;
      changes?: ReleaseFieldChange[];
      reason?: string;
      at?: string;
    },
  ): Promise<Release> {
    const event: NewReleaseEvent = {
      action: step.action,
      actorRef: credentials.principal.userEntityRef,
      createdAt: step.at ?? this.now().toISOString(),
      changes: step.changes ?? fieldChanges(current, step.fields),
      ...(step.reason && { reason: step.reason }),
    };
    return this.storeEvent(current, step.fields, event, credentials);
  }
}
