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
  };
}
