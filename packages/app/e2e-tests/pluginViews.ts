/*
 * The pages and tabs of the plugins with the demo data: what the
 * accessibility test scans and the navigation benchmark times.
 */

/** "Ledger service 4.2", seeded rolled back, with its completed review and issues. */
const REVIEWED_RELEASE = '00000000-0000-4000-b000-000000000001';
/** "Checkout worker 1.6", seeded in progress with a two-step rollback plan. */
export const RELEASE_IN_PROGRESS = '00000000-0000-4000-b000-000000000004';

/**
 * Every page and tab of the plugins, as a user reaches it, with the demo data;
 * the main views are also the README's screenshots (`screenshot`).
 */
export const PLUGIN_VIEWS: {
  name: string;
  path: string;
  screenshot?: string;
  /** Text the screenshot scrolls to first. */
  screenshotAt?: RegExp;
}[] = [
  {
    name: 'calendar, month',
    path: '/release-coordination',
    screenshot: 'view-calendar-month',
  },
  { name: 'calendar, week', path: '/release-coordination?view=week' },
  { name: 'calendar, day', path: '/release-coordination?view=day' },
  { name: 'release list', path: '/release-coordination?tab=list' },
  { name: 'timeline', path: '/release-coordination?tab=timeline' },
  { name: 'upcoming impact', path: '/release-coordination?tab=impact' },
  { name: 'approval inbox', path: '/release-coordination?tab=inbox' },
  {
    name: 'release page, in progress',
    path: `/release-coordination/releases/${RELEASE_IN_PROGRESS}`,
    screenshot: 'view-release-page',
  },
  {
    name: 'release page, reviewed',
    path: `/release-coordination/releases/${REVIEWED_RELEASE}`,
  },
  {
    name: 'component Releases tab',
    path: '/catalog/default/component/checkout-service/releases',
  },
  {
    name: 'component Impact tab',
    path: '/catalog/default/component/checkout-service/impact',
    screenshot: 'view-impact-graph',
    screenshotAt: /^Blast radius graph/,
  },
  {
    name: 'system Release impact tab',
    path: '/catalog/default/system/storefront/release-impact',
  },
  {
    name: 'system Metrics tab',
    path: '/catalog/default/system/storefront/metrics',
    screenshot: 'view-metrics',
  },
  {
    name: 'group Readiness tab',
    path: '/catalog/default/group/checkout-team/readiness',
    screenshot: 'view-readiness',
  },
];
