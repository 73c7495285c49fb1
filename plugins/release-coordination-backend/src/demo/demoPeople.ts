/** Who plans the releases of each team in the demo catalog. */
export const PLANNER: Record<string, string> = {
  // Grace, not Alice (the demo guest), so Alice may approve her team's plans.
  'checkout-team': 'user:default/grace',
  'payments-team': 'user:default/bob',
  'platform-team': 'user:default/carol',
  'storefront-team': 'user:default/dave',
  'identity-team': 'user:default/erin',
  'search-team': 'user:default/frank',
};

/** Who approves for each group in the demo catalog: a member who is not its planner. */
export const APPROVER: Record<string, string> = {
  'checkout-team': 'user:default/alice',
  'payments-team': 'user:default/grace',
  'platform-team': 'user:default/heidi',
  'storefront-team': 'user:default/judy',
  'identity-team': 'user:default/oscar',
  'search-team': 'user:default/mallory',
  'release-managers': 'user:default/ivan',
};
