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
  {
    name: 'calendar, day',
    path: '/release-coordination?view=day',
    screenshot: 'view-calendar-day',
  },
  { name: 'calendar, agenda', path: '/release-coordination?view=agenda' },
  { name: 'release list', path: '/release-coordination?tab=list' },
  { name: 'timeline', path: '/release-coordination?tab=timeline' },
  { name: 'trains', path: '/release-coordination?tab=trains' },
  { name: 'freezes', path: '/release-coordination?tab=freezes' },
  { name: 'upcoming impact', path: '/release-coordination?tab=impact' },
  { name: 'open issues', path: '/release-coordination?tab=issues' },
  { name: 'reviews', path: '/release-coordination?tab=reviews' },
  { name: 'delivery metrics', path: '/release-coordination?tab=metrics' },
  { name: 'approval inbox', path: '/release-coordination?tab=inbox' },
  {
    name: 'release page, in progress',
    path: `/release-coordination/releases/${RELEASE_IN_PROGRESS}`,
    screenshot: 'view-release-page',
  },
  {
    name: 'release page, reviewed',
    path: `/release-coordination/releases/${REVIEWED_RELEASE}`,
    screenshot: 'view-release-history',
    screenshotAt: /^History$/,
  },
  {
    name: 'component Releases tab',
    path: '/catalog/default/component/checkout-service/releases',
  },
  {
    name: 'component Readiness tab',
    path: '/catalog/default/component/checkout-service/readiness',
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
    name: 'domain Release impact tab',
    path: '/catalog/default/domain/commerce/release-impact',
  },
  {
    name: 'system Releases tab',
    path: '/catalog/default/system/storefront/releases',
  },
  {
    name: 'system Readiness tab',
    path: '/catalog/default/system/storefront/readiness',
  },
  {
    name: 'system Metrics tab',
    path: '/catalog/default/system/storefront/metrics',
    screenshot: 'view-metrics',
  },
  {
    name: 'group Releases tab',
    path: '/catalog/default/group/checkout-team/releases',
  },
  {
    name: 'group Readiness tab',
    path: '/catalog/default/group/checkout-team/readiness',
    screenshot: 'view-readiness',
  },
];
