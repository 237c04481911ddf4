// The shape of a catalog entry, shared by the catalog's parts.

/** What a version's failure needs: run again, or a change first (the page offers a retry for the former only). */
export type Remedy = 'retry' | 'change';

export interface Entry<P> {
  text: (params: P) => string;
  /** For the reasons of failed versions: does running again help? */
  remedy?: Remedy;
}

export const entry = <P>(text: (params: P) => string, remedy?: Remedy): Entry<P> =>
  remedy === undefined ? { text } : { text, remedy };

/** Quoted as JSON quotes it: the parameter is shown as it is, quotes and all. */
export function q(text: string): string {
  return JSON.stringify(text);
}
