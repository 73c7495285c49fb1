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
  };
}
