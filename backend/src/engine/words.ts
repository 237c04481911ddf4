// Counts in sentences: "1 chart", "2 charts", never "1 charts" (the CLI's lines, the engine's
// warnings it prints).

/** `count` and the noun in agreement with it; `plural` for nouns not made by adding "s". */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
