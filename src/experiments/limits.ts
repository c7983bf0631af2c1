/**
 * Most runs per arm of a comparison or hypothesis test. Beyond it the bootstrap (resamples ×
 * runs, per outcome and variant) takes longer than the runs themselves, and the interval is
 * already far narrower than any effect that matters. Its own module, free of dependencies,
 * so that the CLI's option parsers can use it without loading the statistics.
 */
export const MAX_ARM_RUNS = 100_000;
