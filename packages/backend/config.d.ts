export interface Config {
  releaseCoordination?: {
    /**
     * The groups whose members are this portal's platform admins: only they
     * manage release freezes and release trains (the permission policy of
     * `src/permissions/releasePortalPolicy.ts`). Full group entity refs;
     * `group:default/platform-team` when not set.
     */
    platformAdminGroups?: string[];
  };
}
