// Number formatting shared by the tables and sentences: the user's locale (the browser's), so
// 15000 reads "15,000" where that is the custom.

/** 15000 -> "15,000" in the user's locale; `locale` is for tests. */
export function formatNumber(value: number, locale?: string, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 -> "1.5 KiB"; binary units, as the store's 1 MiB limit is one. */
export function formatBytes(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '-';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${formatNumber(Number(value.toFixed(digits)), locale, digits)} ${UNITS[unit] ?? 'B'}`;
}
