// Whole numbers typed by people (CLI flags, service settings): decimal digits only. Number()
// alone would read `1e1` as 10, `0x10` as 16 and `4.0` as 4, so a typo would silently count.

/** The value of `text` when it is decimal digits only and within [min, max]; otherwise undefined. */
export function parseWholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}
