/**
 * The plain sentence of a robust verdict: the verdict at the default assumptions, its shares
 * over the plausible assumption space, the most driving assumption and where the verdict
 * flips. From the summary verdict.json keeps, so a report words it the same way. Pure.
 */
import type { RobustnessBoxSummary, RobustnessSummary } from '../experiments/hypothesis-robustness.js';
import { t, type Lang } from './messages.js';
import { formatNumber, LOCALE } from './numbers.js';

/** A share as a whole percentage in the language's style (41%, 41 %). */
const pct = (lang: Lang, share: number) => `${Math.round(share * 100)}${lang === 'es' ? ' %' : '%'}`;

/** A correlation with two decimals and a true minus sign: −0.52. */
const rho = (lang: Lang, x: number) =>
  x.toLocaleString(LOCALE[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace('-', '−');

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A restricted limit of the flip box in words: x ≤ b, x ≥ a, or x in a–b. */
function limitText(lang: Lang, limit: RobustnessBoxSummary['limits'][number]): string {
  const n = (x: number) => formatNumber(lang, x);
  if (limit.low !== null && limit.high !== null)
    return `${limit.factor} ${t(lang, 'robustBetween', { low: n(limit.low), high: n(limit.high) })}`;
  if (limit.high !== null) return `${limit.factor} ≤ ${n(limit.high)}`;
  if (limit.low !== null) return `${limit.factor} ≥ ${n(limit.low)}`;
  return limit.factor;
}

/** One line per part: the shares, the driver, the flips (one paragraph when joined by spaces). */
export function robustnessSentence(r: RobustnessSummary, lang: Lang): string {
  const shares = t(lang, 'robustShares', {
    supported: pct(lang, r.share.supported),
    contradicted: pct(lang, r.share.contradicted),
    inconclusive: pct(lang, r.share.inconclusive),
  });
  const parts = [
    t(lang, 'robustSentence', {
      verdict: capital(t(lang, `verdict_${r.defaultVerdict}`)),
      shares,
      points: r.points,
      replications: r.replications,
    }),
  ];
  const top = r.drivers[0];
  if (top !== undefined && top.spearman !== null) parts.push(t(lang, 'robustDriver', { factor: top.factor, rho: rho(lang, top.spearman) }));
  const sobol = r.indices[0];
  if (sobol !== undefined && Number.isFinite(sobol.ST.estimate))
    parts.push(
      t(lang, 'robustSobol', {
        factor: sobol.factor,
        total: formatNumber(lang, sobol.ST.estimate, 2),
        low: formatNumber(lang, sobol.ST.low, 2),
        high: formatNumber(lang, sobol.ST.high, 2),
        first: formatNumber(lang, sobol.S1.estimate, 2),
      }),
    );
  const { box } = r.flips;
  if (r.flips.share === 0) parts.push(t(lang, 'robustFlipsNone'));
  else if (r.flips.share === 1) parts.push(t(lang, 'robustFlipsAll'));
  else if (box !== null && box.limits.length > 0)
    parts.push(
      t(lang, 'robustFlipsBox', {
        flips: pct(lang, r.flips.share),
        limits: box.limits.map((l) => limitText(lang, l)).join(t(lang, 'robustAnd')),
        coverage: pct(lang, box.coverage),
        density: pct(lang, box.density),
      }),
    );
  else parts.push(t(lang, 'robustFlipsScattered', { flips: pct(lang, r.flips.share) }));
  return parts.join(' ');
}
