// How the indicators read on screen: the CLI's columns and formats (whole
// counts, one decimal, rates as percentages), so both front ends agree.
import { BREAKDOWNS, COUNT_INDICATORS, INDICATORS, type Indicators } from '$lib/bindings';
import { formatFixed } from '$lib/format';
import { locale } from '$lib/i18n.svelte';

export type IndicatorName = keyof Indicators;

// The lists come from Rust (bindings.ts): one definition for every front end.
export { BREAKDOWNS, INDICATORS };

const COUNTS = new Set<IndicatorName>(COUNT_INDICATORS);

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
