import type { ComponentType } from 'preact';
import { lazyPage } from './components/lazy-page.tsx';
import { FirstRunPage } from './pages/first-run/first-run-page.tsx';
import { JourneyMapPage } from './pages/journey-map/journey-map-page.tsx';
import { matchPath } from './lib/url-state.ts';

export interface PageProps {
  params: Record<string, string>;
}

interface Route {
  pattern: string;
  page: ComponentType<PageProps>;
}

/** The journey map (and the first-run help) come in the first download; every other page on demand. */
const ROUTES: Route[] = [
  { pattern: '/', page: JourneyMapPage },
  {
    pattern: '/scores',
    page: lazyPage(() => import('./pages/scores/scores-page.tsx').then((m) => m.ScoresPage)),
  },
  {
    pattern: '/funnel',
    page: lazyPage(() => import('./pages/funnel/funnel-page.tsx').then((m) => m.FunnelPage)),
  },
  {
    pattern: '/pain-points',
    page: lazyPage(() => import('./pages/pain-points/pain-points-page.tsx').then((m) => m.PainPointsPage)),
  },
  {
    pattern: '/touchpoints/:id',
    page: lazyPage(() => import('./pages/touchpoint/touchpoint-page.tsx').then((m) => m.TouchpointPage)),
  },
  {
    pattern: '/drivers',
    page: lazyPage(() => import('./pages/drivers/drivers-page.tsx').then((m) => m.DriversPage)),
  },
  {
    pattern: '/cross-impact',
    page: lazyPage(() => import('./pages/cross-impact/cross-impact-page.tsx').then((m) => m.CrossImpactPage)),
  },
  {
    pattern: '/structure',
    page: lazyPage(() => import('./pages/structure/structure-page.tsx').then((m) => m.StructurePage)),
  },
  {
    pattern: '/customers',
    page: lazyPage(() => import('./pages/customer/customer-page.tsx').then((m) => m.CustomerPage)),
  },
  {
    pattern: '/customers/:id',
    page: lazyPage(() => import('./pages/customer/customer-page.tsx').then((m) => m.CustomerPage)),
  },
  {
    pattern: '/keys',
    page: lazyPage(() => import('./pages/keys/keys-page.tsx').then((m) => m.KeysPage)),
  },
  {
    pattern: '/text',
    page: lazyPage(() => import('./pages/text/text-page.tsx').then((m) => m.TextPage)),
  },
  {
    pattern: '/audit',
    page: lazyPage(() => import('./pages/audit/audit-page.tsx').then((m) => m.AuditPage)),
  },
  {
    pattern: '/rejects',
    page: lazyPage(() => import('./pages/rejects/rejects-page.tsx').then((m) => m.RejectsPage)),
  },
  {
    pattern: '/self-service',
    page: lazyPage(() => import('./pages/self-service/self-service-page.tsx').then((m) => m.SelfServicePage)),
  },
  {
    pattern: '/users',
    page: lazyPage(() => import('./pages/users/users-page.tsx').then((m) => m.UsersPage)),
  },
  {
    pattern: '/account',
    page: lazyPage(() => import('./pages/account/account-page.tsx').then((m) => m.AccountPage)),
  },
  { pattern: '/welcome', page: FirstRunPage },
];

export function resolveRoute(
  path: string,
): { page: ComponentType<PageProps>; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params) return { page: route.page, params };
  }
  return null;
}

/**
 * The pages in the navigation, each with the API operation it cannot work without: a page is shown
 * only when the session's `allowed` list (the server's one role table) has it, so a role never
 * sees a page that would answer 403.
 */
export const NAV = [
  { href: '/', label: 'Journey map', needs: 'GET /v1/journey' },
  { href: '/scores', label: 'Scores', needs: 'GET /v1/analytics/scores' },
  { href: '/funnel', label: 'Funnel', needs: 'GET /v1/analytics/funnel' },
  { href: '/pain-points', label: 'Pain points', needs: 'GET /v1/analytics/pain-points' },
  { href: '/text', label: 'Text', needs: 'GET /v1/analyze/text' },
  { href: '/drivers', label: 'Drivers', needs: 'POST /v1/analyze/drivers' },
  { href: '/cross-impact', label: 'Cross-impact', needs: 'POST /v1/analyze/cross-impact' },
  { href: '/structure', label: 'Structure', needs: 'POST /v1/analyze/micmac' },
  { href: '/customers', label: 'Customers', needs: 'GET /v1/customers' },
  { href: '/self-service', label: 'Self-service', needs: 'GET /v1/answers/report' },
  { href: '/keys', label: 'Keys', needs: 'GET /v1/keys' },
  { href: '/users', label: 'Users', needs: 'GET /v1/users' },
  { href: '/welcome', label: 'Send data', needs: 'POST /v1/events' },
  { href: '/rejects', label: 'Rejected data', needs: 'GET /v1/rejects' },
  { href: '/audit', label: 'Audit log', needs: 'GET /v1/audit' },
] as const;
