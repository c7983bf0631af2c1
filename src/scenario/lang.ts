/**
 * The languages people read ayni in: labels, reports and messages. Its own module, without
 * zod, so that the CLI's start-up (which formats messages) stays light.
 */
export type Lang = 'es' | 'en';
export const LANGS: readonly Lang[] = ['es', 'en'];
