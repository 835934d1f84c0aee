/** analytics-node 6.x ships no types; the tests use its classic API only (see tests/sdk-workload.ts). */
declare module 'analytics-node' {
  const Analytics: new (writeKey: string, options?: Record<string, unknown>) => object;
  export default Analytics;
}
