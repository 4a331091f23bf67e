// The candidate's plan where it matters (the dashboard, setup, a refused start) and the
// tiers for sale when the free plan runs out. Payment happens outside the client (the
// payment provider tells the engine), so the way forward is named, not sold here.
import { describePlan, loadPlan, loadTiers, tierPrice } from '../lib/billing.js';
import { useLoad } from '../lib/hooks.js';
import { useAccount } from '../lib/store.js';

const HOW_TO_BUY = 'To buy one, contact whoever runs this Mockroom site; the plan is added to your account as soon as it is paid.';
const BOUGHT_ONLINE = 'Paying opens the payment page in a new tab; the plan is added to your account as soon as the payment arrives (reload this page then).';

// The tier's checkout page with the buyer's account id, which the payment provider hands back
// to the engine's payment webhook (Stripe Payment Links call it client_reference_id).
function checkoutLink(tier, user) {
  try {
    const url = new URL(tier.checkoutUrl);
    if (url.protocol !== 'https:') return null;
    if (user?.id) url.searchParams.set('client_reference_id', String(user.id));
    return url.toString();
  } catch {
    return null;
  }
}

// The plan with this week's use; the description is null for plans without limits (staff,
// private deployments) or when it could not be loaded (the plan is extra information: the
// engine still refuses what the plan does not cover).
export function usePlan() {
  const loaded = useLoad(loadPlan, []);
  return { ...loaded, plan: loaded.data ? describePlan(loaded.data) : null };
}

// The tiers for sale with their prices. collapsed: behind a "Ways to practise more" toggle
// (where the plan is only being described, not refusing anything).
export function TierList({ collapsed = false }) {
  const tiers = useLoad(loadTiers, []);
  const { user } = useAccount();
  if (!tiers.data || tiers.data.length === 0) return null;
  const offers = tiers.data.map((tier) => ({ tier, link: checkoutLink(tier, user) }));
  const online = offers.filter((offer) => offer.link).length;
  const howToBuy = !online ? HOW_TO_BUY
    : `${BOUGHT_ONLINE}${online < offers.length ? ' For the others, contact whoever runs this Mockroom site.' : ''}`;
  const list = (
    <>
      <ul class="tier-list">
        {offers.map(({ tier, link }) => (
          <li key={tier.id}>
            <span class="tier-name">{tier.name}</span>
            <span class="tier-price">{tierPrice(tier)}</span>
            {tier.description && <span class="tier-desc">{tier.description}</span>}
            {link && (
              <a class="btn small tier-buy" href={link} target="_blank" rel="noopener noreferrer">
                Buy {tier.name}<span class="visually-hidden"> (opens the payment page in a new tab)</span>
              </a>
            )}
          </li>
        ))}
      </ul>
      <p class="small">{howToBuy}</p>
    </>
  );
  if (collapsed) {
    return (
      <details class="tiers">
        <summary class="tiers-heading">Ways to practise more</summary>
        {list}
      </details>
    );
  }
  return (
    <div class="tiers">
      <h3 class="tiers-heading">Ways to practise more</h3>
      {list}
    </div>
  );
}

// The plan in one notice: what it gives and what is left; the tiers when it has run out
// (unless the page shows them already, beside a refused start).
export function PlanNotice({ plan, showTiers = true }) {
  if (!plan) return null;
  return (
    <div class={`alert ${plan.tone} plan-notice`}>
      <div class="alert-body">
        <p><strong>{plan.title}</strong>{plan.detail ? ` ${plan.detail}` : ''}</p>
        {plan.exhausted && showTiers && <TierList collapsed />}
      </div>
    </div>
  );
}
