// Numbers and dates as the field reads them: 12,5 and 23/11/2026 in French.
import { locale, t } from './i18n.svelte';

function tag(): string {
  return locale.lang === 'fr' ? 'fr-FR' : 'en-GB';
}

export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(tag(), { maximumFractionDigits: digits }).format(value);
}

/** Always `digits` decimals, as the CLI's tables print them (12,0). */
export function formatFixed(value: number, digits: number): string {
  return new Intl.NumberFormat(tag(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** Milliseconds since 1970 → dd/mm/yyyy hh:mm (hh:mm:ss with `seconds`,
 * where several may fall in one minute) in both languages. */
export function formatTimestamp(millis: number, { seconds = false } = {}): string {
  const d = new Date(millis);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()} ${time}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return t('ui-size-bytes', { value: formatNumber(bytes, 0) });
  if (bytes < 1024 * 1024) return t('ui-size-kib', { value: formatNumber(bytes / 1024, 1) });
  return t('ui-size-mib', { value: formatNumber(bytes / 1024 / 1024, 1) });
}
