/** Shapes of the API replies the dashboard reads (see /openapi.json). */

export type Phase = 'pre-purchase' | 'purchase' | 'post-purchase';

export interface Touchpoint {
  id: string;
  name: string;
  channel: string;
  owner?: string;
  events?: string[];
}

export interface Stage {
  id: string;
  name: string;
  phase: Phase;
  touchpoints: Touchpoint[];
}

export interface JourneyMap {
  name: string;
  stages: Stage[];
}

export interface SessionInfo {
  workspace: { id: string; name: string };
  expiresAt: number | null;
  counts: { customers: number; events: number; feedback: number };
  ingestKeys: { prefix: string; createdAt: number }[];
}

export interface TimelineItem {
  kind: 'event' | 'feedback' | 'invitation';
  id: string;
  timestamp: number;
  touchpoint: string | null;
  name?: string;
  properties?: unknown;
  metric?: string;
  score?: number;
  scale?: { min: number; max: number };
  comment?: string | null;
  source?: string;
  survey?: string;
  trigger?: string;
  channel?: string;
  status?: string;
  reason?: string | null;
}

export interface TimelinePage {
  customer: {
    id: string;
    traits: Record<string, unknown>;
    firstSeen: number | null;
    lastSeen: number | null;
    anonymousIds: string[];
  } | null;
  items: TimelineItem[];
  next: string | null;
}

export type Quadrant = 'influential' | 'relay' | 'dependent' | 'autonomous';
export type MatrixCell = number | 'P';

export interface InfluenceInput {
  variables: string[];
  matrix: MatrixCell[][];
}

export interface MicmacThreshold {
  method: string;
  influence: number;
  dependence: number;
}

export interface MicmacScores {
  influence: number[];
  dependence: number[];
  influenceRank?: number[];
  dependenceRank?: number[];
}

export interface MicmacIndirect extends MicmacScores {
  power: number;
  converged: boolean;
  quadrants?: Quadrant[];
  threshold?: MicmacThreshold;
}

/** One MICMAC run: the direct plane (quadrants, threshold) and the indirect one from M^power. */
export interface MicmacRun {
  direct: MicmacScores;
  indirect: MicmacIndirect;
  quadrants: Quadrant[];
  threshold: MicmacThreshold;
}

export interface MicmacResult extends MicmacRun {
  variables: string[];
  orientation: string;
  hiddenInfluencers: { variable: string; directRank: number; indirectRank: number; move: number }[];
  potential: (MicmacRun & { weight: number; cells: number }) | null;
  notes?: string[];
}

export type DematelGroup = 'cause' | 'effect' | 'neutral';

export interface DematelResult {
  variables: string[];
  total: number[][];
  given?: number[];
  received?: number[];
  prominence: number[];
  relation: number[];
  groups: DematelGroup[];
  diagram?: {
    threshold: number;
    arrows: { from: string; to: string; value: number }[];
  };
}

export interface CibInput {
  descriptors: { id: string; variants: string[] }[];
  matrix: number[][];
}

export interface CibScenario {
  scenario: string[];
  totalImpactScore: number;
  inconsistency: number;
}

export interface CibResult {
  descriptors?: string[];
  scenarioCount: number;
  consistentCount: number;
  matchCount?: number;
  truncated?: boolean;
  consistent: CibScenario[];
  notes?: string[];
  balances?: Record<string, number>;
  evaluation?: {
    consistent: boolean;
    inconsistency: number;
    totalImpactScore: number;
    descriptors: { id: string; chosen: string; balance: number; best: number; shortfall: number }[];
  };
}
