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

export const NAV = [
  { href: '/', label: 'Journey map' },
  { href: '/scores', label: 'Scores' },
  { href: '/funnel', label: 'Funnel' },
  { href: '/pain-points', label: 'Pain points' },
  { href: '/text', label: 'Text' },
  { href: '/drivers', label: 'Drivers' },
  { href: '/cross-impact', label: 'Cross-impact' },
  { href: '/structure', label: 'Structure' },
  { href: '/customers', label: 'Customers' },
  { href: '/self-service', label: 'Self-service' },
  { href: '/keys', label: 'Keys' },
  { href: '/welcome', label: 'Send data' },
  { href: '/rejects', label: 'Rejected data' },
  { href: '/audit', label: 'Audit log' },
] as const;
