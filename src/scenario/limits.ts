/**
 * Size limits of input files, in a module of their own so that the file-system layer can
 * read them without loading the scenario loader (and zod and yaml) at CLI start-up.
 */

/** Largest scenario file accepted; generated territories stay far below it. */
export const MAX_SCENARIO_BYTES = 8 * 1024 * 1024;
