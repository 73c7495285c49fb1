export interface Config {
  /** Configuration of the release-coordination plugin. */
  releaseCoordination?: {
    /** Demo data for trying the plugin out. */
    demoData?: {
      /**
       * Whether to insert demo release plans on startup when the database holds
       * no release plans yet. A database that already has plans is never touched.
       * Defaults to false.
       */
      seed?: boolean;
    };
    /** Conflict detection between releases. */
    conflicts?: {
      /**
       * How many active releases one owner may have at the same time before
       * an `owner-overload` conflict (a warning) is raised. Defaults to 3.
       */
      maxConcurrentPerOwner?: number;
    };
    /** Impact assessment from the catalog. */
    impact?: {
      /** Default depth of impact traversals, 1 to 10. Defaults to 6. */
      maxDepth?: number;
    };
    /**
     * Risk assessment: probability × impact on a 5×5 matrix. Each dimension
     * is 1 plus the points of its factors, clamped to 1..5. Every setting has
     * a default (see the README).
     */
    risk?: {
      /** Change items at or above `medium` add 1 point, at or above `large` 2. Defaults 8 and 20. */
      changeSize?: {
        /** Number of change items from which a release is of medium size (1 point). Defaults to 8. */
        medium?: number;
        /** Number of change items from which a release is large (2 points). Defaults to 20. */
        large?: number;
      };
      /** Points per kind of change present. Defaults: migration 1, config 1. */
      changeKindPoints?: { [kind: string]: number };
      /** Points when any change is breaking. Defaults to 2. */
      breakingPoints?: number;
      /** Points per release type. Defaults: emergency 2, hotfix 1, out-of-band 1. */
      releaseTypePoints?: { [type: string]: number };
      /** A window starting less than `hours` (48) after creation adds `points` (1). */
      leadTime?: {
        /** Hours between creation and the window's start below which the lead time is short. Defaults to 48. */
        hours?: number;
        /** Points of a short lead time. Defaults to 1. */
        points?: number;
      };
      /** Each rollback of the same entities in the last `days` (90) adds `pointsEach` (1), at most `maxPoints` (2). */
      rollbacks?: {
        /** How many days back rollbacks of the same entities count. Defaults to 90. */
        days?: number;
        /** Points of each such rollback. Defaults to 1. */
        pointsEach?: number;
        /** Most points rollbacks add together. Defaults to 2. */
        maxPoints?: number;
      };
      /** Points for a blocking conflict (2) or else a warning (1). */
      conflictPoints?: {
        /** Points when the release has a blocking conflict. Defaults to 2. */
        blocking?: number;
        /** Points when its worst conflict is a warning. Defaults to 1. */
        warning?: number;
      };
      /** An applicable freeze within `marginHours` (48) of the window adds `points` (1). */
      freeze?: {
        /** Hours around the window within which a freeze counts. Defaults to 48. */
        marginHours?: number;
        /** Points of a freeze that near. Defaults to 1. */
        points?: number;
      };
      /** Steps of transitive dependents: the highest `min` reached gives its points. Defaults 1→1, 10→2, 50→3. */
      dependents?: Array<{
        /** Fewest transitive dependents for this step. */
        min: number;
        /** Points of the step. */
        points: number;
      }>;
      /** Points of the most critical affected tier. Defaults: tier-1 2, tier-2 1, tier-3 0. */
      tierPoints?: { [tier: string]: number };
      /** Points of the audience worth most among affected entities. Defaults: customers 1, finance 1. */
      audiencePoints?: { [audience: string]: number };
      /** Minimum level of each hard rule, or `off`. */
      rules?: {
        /** Defaults to high. */
        'breaking-tier-1-api'?: 'off' | 'low' | 'medium' | 'high' | 'critical';
        /** Defaults to medium. */
        security?: 'off' | 'low' | 'medium' | 'high' | 'critical';
        /** Defaults to high. */
        'blocking-conflict'?: 'off' | 'low' | 'medium' | 'high' | 'critical';
      };
    };
    /** Approvals of releases, derived from the catalog. */
    approvals?: {
      /**
       * How each release type is approved: `owners` (the owner group of every
       * entity), `release-manager` (the release-manager group alone, owners
       * afterwards) or `none`. Defaults: standard none, emergency
       * release-manager, all others owners.
       */
      rules?: {
        [type: string]: 'owners' | 'release-manager' | 'none';
      };
      /** The release-manager group. Defaults to group:default/release-managers. */
      releaseManagerGroup?: string;
      /** Whether the creator of a release is kept from deciding on it. Defaults to true. */
      preventSelfApproval?: boolean;
      /**
       * Whether the owners of affected dependents (from the impact report)
       * must approve releases with a `breaking` change or a computed risk of
       * high or critical. Defaults to true.
       */
      dependentOwners?: boolean;
      /**
       * Approvals collected afterwards (rule `release-manager`, e.g.
       * emergencies): the owners must decide within `days` (fractions
       * allowed, at most 90) of the release managers' approval; after that
       * they are `overdue`. The hourly reminder task reminds them within
       * `notifications.reminderHours` before the deadline and flags overdue
       * ones once. Defaults to 5 days.
       */
      emergencyFollowUp?: {
        /** Days the owners have to decide; fractions allowed, at most 90. Defaults to 5. */
        days?: number;
      };
    };
    /** Notifications sent by scheduled tasks (once per cluster). */
    notifications?: {
      /**
       * Hours before a planned release's window starts in which required
       * approver groups that have not decided are reminded (once per approval
       * round; checked hourly). Defaults to 24.
       */
      reminderHours?: number;
    };
    /**
     * Escalation of release issues, run every minute once per cluster: a rule
     * fires once for an issue of `severity` that stayed in `status` for
     * `after` (an ISO 8601 duration, e.g. PT15M). Defaults: sev1 open 15
     * minutes → release managers and owners of affected dependents; sev2
     * open 4 hours → the owning group's parent group.
     */
    escalation?: {
      /** The escalation rules; replace the defaults when set. */
      rules?: Array<{
        /** The severity of the issues the rule applies to. */
        severity: 'sev1' | 'sev2' | 'sev3' | 'sev4';
        /** The status the issue is still in. */
        status: 'open' | 'acknowledged' | 'mitigated';
        /** ISO 8601 duration, e.g. PT15M or PT4H. */
        after: string;
        /**
         * Who is notified: the release managers, the owners of affected
         * dependents, the owner, or the parent group of the owning group.
         */
        notify: Array<
          | 'releaseManagers'
          | 'affectedDependentOwners'
          | 'issueOwner'
          | 'owningGroupParent'
        >;
      }>;
    };
    /** Readiness (go / no-go) of releases. */
    readiness?: {
      /** The manual checklist items of each release type (replaces the default list of that type). */
      templates?: {
        [type: string]: Array<{
          /** Id of the item. */
          id: string;
          /** What the checklist shows. */
          label: string;
        }>;
      };
      /**
       * Annotations every entity of a release should declare (on-call,
       * monitoring). Defaults to pagerduty.com/service-id, backstage.io/techdocs-ref.
       */
      requiredAnnotations?: string[];
      /**
       * From this risk level on (the higher of the computed and the
       * overridden level), the readiness item "Risk assessed" passes only
       * when an owner reviewed the risk by setting a risk override with a
       * reason. Defaults to critical.
       */
      riskReviewLevel?: 'low' | 'medium' | 'high' | 'critical';
    };
    /** Success criteria of releases and their verification after go-live. */
    verification?: {
      /**
       * Criteria copied onto every new release of a type; without `ownerRef`
       * a criterion is owned by the release's owning group.
       */
      templates?: {
        [type: string]: Array<{
          /** What the criterion says, e.g. "Error rate stays below 1%". */
          text: string;
          /** Entity ref of the group that owns the criterion. */
          ownerRef?: string;
          /** An automatic check of the criterion by a verification checker. */
          check?: {
            /** Name of the metric the checker reads, e.g. a key of `httpChecker.metrics`. */
            metric: string;
            /** How the metric's value compares to `threshold` when the criterion is met. */
            comparator: '<' | '<=' | '>' | '>=' | '==';
            /** The value the metric is compared with. */
            threshold: number;
            /** ISO 8601 duration from the release's `released` time, e.g. PT4H. */
            window: string;
          };
        }>;
      };
      /**
       * How long after a criterion's observation window ended, with no result
       * recorded, the release managers are told (its owner is told at the
       * end of the window). ISO 8601 duration; defaults to PT4H.
       */
      escalateAfter?: string;
      /** The checker that reads metrics as numbers from JSON HTTP endpoints. */
      httpChecker?: {
        /** The metrics it can read, by name (the `metric` of a criterion's check). */
        metrics?: {
          [metric: string]: {
            /** http(s) URL; `{releaseId}`, `{entityRef}` (the release's first entity) and `{metric}` are filled in. */
            urlTemplate: string;
            /** Dot path of the number in the JSON answer, e.g. data.result.0.value. */
            valuePath: string;
            /** ISO 8601 duration to wait for an answer; defaults to PT5S. */
            timeout?: string;
          };
        };
      };
    };
    /**
     * How many years before and after now the times in a request may lie
     * (release windows, freeze start, end, until and exception dates, train
     * starts and slots, the deploy gate's `at`, the `from`/`to`/`after` of
     * listings and slot searches); a time outside is answered with a 400
     * naming the field and the allowed range. A whole number from 1 to 100;
     * defaults to 5.
     */
    timeHorizonYears?: number;
    /** Links users supply (change links, readiness evidence). */
    links?: {
      /**
       * The URL schemes a link may have, lower case, e.g. `[https, mailto]`.
       * Links with other schemes are refused with a 400 and shown as text.
       * Schemes that run code or embed content (`javascript`, `data`, …) are
       * refused at startup. Defaults to `[http, https]`.
       * @visibility frontend
       */
      allowedSchemes?: string[];
    };
    /** Freezes (blackout periods). */
    freezes?: {
      /**
       * Release types a new freeze exempts unless it names its own, e.g.
       * `[emergency, security]` (the default). Checked at startup against the
       * known release types.
       */
      exemptTypes?: Array<
        | 'standard'
        | 'normal'
        | 'emergency'
        | 'hotfix'
        | 'security'
        | 'out-of-band'
      >;
    };
    /** Rollback coordination. */
    rollback?: {
      /**
       * Who may decide a rollback besides the release managers (who always
       * may): members of the owning group (`owners`, the default) or nobody
       * else (`release-managers`), except the owners of an emergency or
       * hotfix release through the emergency fast path.
       */
      deciders?: 'owners' | 'release-managers';
    };
    /** Post-release reviews. */
    reviews?: {
      /** A rolled-back (or rolling back) release needs a review (default true). */
      requiredWhenRolledBack?: boolean;
      /** Release types that always need a review (default `[emergency]`). */
      requiredTypes?: Array<
        | 'standard'
        | 'normal'
        | 'emergency'
        | 'hotfix'
        | 'security'
        | 'out-of-band'
      >;
      /** An issue of these severities, in any status, makes a review required (default `[sev1, sev2]`). */
      requiredSeverities?: Array<'sev1' | 'sev2' | 'sev3' | 'sev4'>;
      /**
       * Days after a release finished (went live, or last moved towards rolled
       * back) within which a required review is to be completed; later it is
       * overdue and the readiness of the next release of the same entities
       * warns about it. Default 5.
       */
      dueDays?: number;
    };
    /** Announcements of releases (with their notes) at approved, released, rolled back and verified. */
    announcements?: {
      /**
       * Groups that never receive announcements (entity refs; a bare name
       * is a group in the default namespace).
       */
      optOutGroups?: string[];
    };
    /** Delivery metrics (`GET /metrics`). */
    metrics?: {
      /** A hotfix released within this many days after another release of its entities counts as rework (14). */
      reworkWindowDays?: number;
    };
    /** When releases may move through their lifecycle. */
    lifecycle?: {
      /**
       * How many minutes before its window a release may start (move to
       * `in_progress`); outside that and its window it needs an override
       * with a reason. Defaults to 60. The release page reads it too, to
       * disable Start before then.
       * @visibility frontend
       */
      startLeadMinutes?: number;
    };
    /**
     * The declared standard (pre-approved) changes. A release of type
     * `standard` names one (`standardChangeId`), touches only its entities,
     * lists only its kinds of change, and must stay at low computed risk;
     * without any declared, no release can be `standard`.
     */
    standardChanges?: Array<{
      /** Lower-case letters, digits and dashes; unique. */
      id: string;
      /** What people read. */
      title?: string;
      /** Entity refs the change may touch (bare names are components). */
      entityRefs: string[];
      /** Kinds of change it may list. */
      changeKinds: Array<
        | 'feature'
        | 'fix'
        | 'breaking'
        | 'security'
        | 'config'
        | 'migration'
        | 'dependency'
      >;
    }>;
  };
}
