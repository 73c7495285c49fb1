export interface Config {
  /** Configuration of the release-coordination plugin. */
  releaseCoordination?: {
    /** Links users supply (change links, readiness evidence). */
    links?: {
      /**
       * The URL schemes a link may have, lower case, e.g. `[https, mailto]`:
       * the forms accept only these, and stored links with other schemes are
       * shown as text. Defaults to `[http, https]`.
       * @visibility frontend
       */
      allowedSchemes?: string[];
    };
    /** When releases may move through their lifecycle. */
    lifecycle?: {
      /**
       * How many minutes before its window a release may start (move to
       * `in_progress`) without an override; the release page disables Start
       * before then. Defaults to 60. Read by the backend too, which enforces it.
       * @visibility frontend
       */
      startLeadMinutes?: number;
    };
  };
}
