// How the indicators read on screen: the CLI's columns and formats (whole
// counts, one decimal, rates as percentages), so both front ends agree.
import type { Breakdown, Indicators } from './bindings';
import { formatFixed } from './format';
import { locale } from './i18n.svelte';

export type IndicatorName = keyof Indicators;

/** In the order of `Breakdown::ALL` (binome-domain); the type checks each. */
export const BREAKDOWNS: Breakdown[] = ['sex', 'cadre', 'category', 'facility', 'level', 'programme', 'month'];

/** In the order of `binome indicators` (INDICATOR_COLUMNS in binome-core). */
export const INDICATORS: IndicatorName[] = [
  'sessions',
  'persons_trained',
  'training_hours',
  'person_hours',
  'person_days',
  'attendance_rate',
  'scored_pairs',
  'pre_mean_percent',
  'post_mean_percent',
  'gain_points',
  'pass_rate',
  'competency_pairs',
  'competencies_acquired_rate',
  'progression_rate',
  'sessions_validated_rate',
  'missions',
  'expert_days'
];

const COUNTS = new Set<IndicatorName>(['sessions', 'persons_trained', 'scored_pairs', 'competency_pairs', 'missions', 'expert_days']);

export function isRate(name: IndicatorName): boolean {
  return name.endsWith('_rate');
}

/** The value as a chart plots it: rates in percent. */
export function plotted(ind: Indicators, name: IndicatorName): number | null {
  const value = ind[name];
  if (value === null || value === undefined) return null;
  return isRate(name) ? value * 100 : value;
}

export function formatIndicator(ind: Indicators, name: IndicatorName): string {
  const value = ind[name];
  if (value === null || value === undefined) return '—';
  if (COUNTS.has(name)) return formatFixed(value, 0);
  if (isRate(name)) return `${formatFixed(value * 100, 1)}${locale.lang === 'fr' ? '\u202f%' : '%'}`;
  return formatFixed(value, 1);
}
