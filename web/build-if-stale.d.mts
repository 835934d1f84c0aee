/** Types of build-if-stale.mjs, for the tests that build the dashboard before opening it. */
export function dashboardIsStale(): boolean;
export function buildDashboardIfStale(options?: { quiet?: boolean }): Promise<boolean>;
