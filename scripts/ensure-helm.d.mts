export declare const helmPath: string;
export declare function ensureHelm(): Promise<string>;
