import type { JourneyIndex } from '../../core/journey/rules.ts';
import type { Services } from '../graph.ts';
import { compareReport, resolveCompareParams, type CompareReport } from './compare.ts';
import { funnelReport, resolveFunnelParams, type FunnelReport } from './funnel.ts';
import { journeyTimeReport, resolveJourneyTimeParams, type JourneyTimeReport } from './journey-time.ts';
import { painPointsReport, resolvePainPointsParams, type PainPointsReport } from './pain-points.ts';
import {
  compareQuerySchema,
  funnelQuerySchema,
  journeyTimeQuerySchema,
  painPointsQuerySchema,
  parseQuery,
  resolveScoresParams,
  retentionQuerySchema,
  scoresQuerySchema,
} from './params.ts';
import { resolveRetentionParams, retentionReport, type RetentionReport } from './retention.ts';
import { scoresReport, type ScoresReport } from './scores.ts';

/**
 * The analytics calls as the API and the CLI make them: raw text parameters in (an HTTP query, or
 * CLI options under the same names), validated by the schemas of params.ts, one report out. Both
 * callers print what this returns, so their JSON is the same by construction.
 */
export class AnalyticsService {
  constructor(private readonly services: Pick<Services, 'store' | 'journeys' | 'now'>) {}

  private journey(workspaceId: string): Promise<JourneyIndex> {
    return this.services.journeys.get(workspaceId);
  }

  async scores(workspaceId: string, raw: unknown): Promise<ScoresReport> {
    const query = parseQuery(scoresQuerySchema, raw);
    const journey = await this.journey(workspaceId);
    return scoresReport(this.services.store, workspaceId, journey, resolveScoresParams(query, journey));
  }

  async compare(workspaceId: string, raw: unknown): Promise<CompareReport> {
    const query = parseQuery(compareQuerySchema, raw);
    const journey = await this.journey(workspaceId);
    return compareReport(this.services.store, workspaceId, journey, resolveCompareParams(query, journey));
  }

  async funnel(workspaceId: string, raw: unknown): Promise<FunnelReport> {
    const query = parseQuery(funnelQuerySchema, raw);
    const journey = await this.journey(workspaceId);
    return funnelReport(this.services.store, workspaceId, journey, resolveFunnelParams(query, journey));
  }

  async journeyTime(workspaceId: string, raw: unknown): Promise<JourneyTimeReport> {
    const params = resolveJourneyTimeParams(parseQuery(journeyTimeQuerySchema, raw));
    return journeyTimeReport(this.services.store, workspaceId, await this.journey(workspaceId), params);
  }

  async retention(workspaceId: string, raw: unknown): Promise<RetentionReport> {
    const params = resolveRetentionParams(parseQuery(retentionQuerySchema, raw), this.services.now());
    return retentionReport(this.services.store, workspaceId, await this.journey(workspaceId), params);
  }

  async painPoints(workspaceId: string, raw: unknown): Promise<PainPointsReport> {
    const query = parseQuery(painPointsQuerySchema, raw);
    const journey = await this.journey(workspaceId);
    const params = resolvePainPointsParams(query, journey, this.services.now());
    return painPointsReport(this.services.store, workspaceId, journey, params);
  }
}

const instances = new WeakMap<object, AnalyticsService>();

/** One AnalyticsService per Services object, made on first use (Services is built elsewhere). */
export function analyticsFor(services: Pick<Services, 'store' | 'journeys' | 'now'>): AnalyticsService {
  let analytics = instances.get(services);
  if (!analytics) {
    analytics = new AnalyticsService(services);
    instances.set(services, analytics);
  }
  return analytics;
}
