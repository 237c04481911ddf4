// The playground's programmatic entry (startPlayground) lands here.
export {};
