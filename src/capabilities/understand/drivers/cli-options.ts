import type { ThresholdRule } from '../../../core/drivers/quadrants.ts';
import { type CommonOptions } from '../../cli-kit.ts';
import { DomainError } from '../../../platform/errors.ts';

/** The options of `cxloop analyze drivers`, in both modes (a CSV file, or the stored data). */
export interface DriversCliOptions extends CommonOptions {
  from?: string;
  to?: string;
  followUntil?: string;
  minCoverage?: string;
  csv: string[];
  outcome: string;
  positive?: string;
  drivers: string[];
  na: string[];
  categorical: string[];
  reference: string[];
  better?: 'higher' | 'lower';
  threshold: string;
  importanceThreshold?: string;
  importance: 'lmg' | 'relative-weight';
  minN?: string;
  maxDrivers?: string;
  format: 'json' | 'table';
}

export function parseRule(flag: string, value: string): ThresholdRule {
  if (value === 'mean' || value === 'median') return value;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x)) {
    throw new DomainError('invalid', `${flag} takes mean, median or a number, got "${value}"`);
  }
  return x;
}

export function parseCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (!Number.isInteger(x) || x < 1)
    throw new DomainError('invalid', `${flag} takes a positive whole number, got "${value}"`);
  return x;
}

/** `--reference Contract=Two year` (repeatable) as a map from column to level. */
export function parseReferences(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.indexOf('=');
    if (at <= 0 || at === v.length - 1)
      throw new DomainError('invalid', `--reference takes COLUMN=LEVEL, got "${v}"`);
    out[v.slice(0, at).trim()] = v.slice(at + 1).trim();
  }
  return out;
}
