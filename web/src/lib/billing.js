// The candidate's plan (GET /api/me/entitlements) and the tiers for sale
// (GET /api/billing/tiers), put in words: what the plan gives, what is left of it this week,
// and what each tier costs. See README, "Pricing tiers and entitlements".
import { api } from './api.js';

export function loadPlan() {
  return api('/me/entitlements');
}

export async function loadTiers() {
  const { tiers } = await api('/billing/tiers');
  return tiers.filter((t) => t.kind !== 'free').sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0));
}

function money(cents, currency = 'usd') {
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency', currency: currency.toUpperCase(), minimumFractionDigits: cents % 100 ? 2 : 0,
    }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(cents % 100 ? 2 : 0)} ${currency.toUpperCase()}`;
  }
}

// "$40 a month", "$90 every 3 months ($30 a month)", "$49, to use within 30 days".
export function tierPrice(tier) {
  const price = money(tier.priceCents, tier.currency);
  if (tier.kind === 'subscription' && tier.periodMonths > 0) {
    if (tier.periodMonths === 1) return `${price} a month`;
    const every = tier.periodMonths === 12 ? 'a year' : `every ${tier.periodMonths} months`;
    return tier.pricePerMonthCents ? `${price} ${every} (${money(tier.pricePerMonthCents, tier.currency)} a month)` : `${price} ${every}`;
  }
  if (tier.validDays >= 365 && tier.validDays % 365 === 0) return `${price}, to use within ${tier.validDays === 365 ? 'a year' : `${tier.validDays / 365} years`}`;
  if (tier.validDays > 0) return `${price}, to use within ${tier.validDays} days`;
  return price;
}

// A date as the engine counts it (its weeks start Monday 00:00 UTC): "Monday 7 December".
export function planDate(ms, withYear = false) {
  return new Date(ms).toLocaleDateString(undefined, {
    weekday: withYear ? undefined : 'long', day: 'numeric', month: 'long', year: withYear ? 'numeric' : undefined, timeZone: 'UTC',
  });
}

// What to tell the candidate about their plan, or null when it sets no limit worth
// mentioning (staff, Premium's unlimited use is said briefly). {tone, title, detail,
// exhausted, tier}.
export function describePlan(account) {
  if (!account?.plan) return null;
  const { plan, week, entitlements = [] } = account;
  const tier = plan.tier || {};
  if (plan.source === 'staff' || tier.kind === 'internal') return null;
  if (plan.source === 'credits') {
    return {
      tone: 'info', tier, exhausted: false,
      title: `${tier.name}: ${plan.creditsLeft} interview credit${plan.creditsLeft === 1 ? '' : 's'} left.`,
      detail: 'Each credit is one interview of any format, with the full report.',
    };
  }
  if (tier.kind === 'subscription') {
    const held = entitlements.find((e) => e.active && e.tierId === tier.id);
    return {
      tone: 'info', tier, exhausted: false,
      title: `${tier.name}: unlimited interviews.`,
      detail: held?.endsAt ? `Your plan runs until ${planDate(held.endsAt, true)}.` : '',
    };
  }
  const limit = week?.limit;
  const minutes = tier.limits?.maxMinutes;
  const basic = tier.features?.report === 'basic';
  const gives = [
    limit ? `${limit === 1 ? 'one interview' : `${limit} interviews`} a week` : 'interviews',
    minutes ? `of up to ${minutes} minutes` : '',
    basic ? 'with a basic report' : '',
  ].filter(Boolean).join(' ');
  const used = typeof week?.used === 'number' ? week.used : null;  // the engine's count of free interviews this week
  const exhausted = !!limit && used !== null && used >= limit;
  const next = planDate(week.nextStart);
  let detail = '';
  if (limit && used !== null) {
    detail = exhausted
      ? `You have had this week's interview${limit === 1 ? '' : 's'}. The next is available ${next}.`
      : `${limit - used === 1 ? 'One interview is' : `${limit - used} interviews are`} left this week; the allowance renews ${next}.`;
  }
  return { tone: exhausted ? 'warn' : 'info', tier, exhausted, title: `${tier.name} plan: ${gives}.`, detail };
}

// Why `tier` would not cover an interview of `format` with `values` (the engine's own rules:
// company practice is a company loop or a company style; the length is capped), or null.
// Said before starting, so the refusal is no surprise; the engine still decides.
export function notCovered(tier, format, values = {}) {
  if (!tier || !format) return null;
  const company = format.kind === 'loop' || (values.company && values.company !== 'none');
  if (company && tier.features?.companyPractice === false) {
    return `Company-style practice is not part of the ${tier.name} plan. Choose "No company style" or another type of interview.`;
  }
  const limit = tier.limits?.maxMinutes;
  const minutes = values.minutes ?? format.minutes;
  if (limit && minutes > limit) return `The ${tier.name} plan covers interviews of up to ${limit} minutes. Choose a shorter length or another type of interview.`;
  return null;
}

// Whether the candidate may create a weekend prep plan (the engine's rule): staff and
// internal tiers always; otherwise an active package entitlement with a package left.
// tiers: the tiers for sale, which say which entitlements are packages.
export function packageCovered(account, tiers) {
  const { plan, entitlements = [] } = account;
  if (plan.source === 'staff' || plan.tier?.kind === 'internal') return true;
  const kinds = Object.fromEntries(tiers.map((t) => [t.id, t.kind]));
  return entitlements.some((e) => e.active && kinds[e.tierId] === 'package' && e.creditsUsed < e.creditsTotal);
}
