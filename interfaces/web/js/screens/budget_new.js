// Recording a budget (finance, admin): year × municipality × district × team × product category
// × financing kind, with its amount (POST /budgets).
import * as api from '../api.js';
import { ApiError } from '../api.js';
import { money, parseAmount } from '../format.js';
import { t } from '../i18n.js';
import { announce, form, page, section } from '../ui.js';
import { loadRefs, options, setOptions, thisYear } from './budget_common.js';

// "02 — Individuele Begeleiding" per category of the catalogue.
function categoryOptions(products) {
  const byCategory = new Map();
  for (const p of products) byCategory.set(p.category, [...(byCategory.get(p.category) || []), p.name]);
  return [{ value: '', label: t('bud.realloc.choose') },
    ...[...byCategory.keys()].sort().map((c) => ({ value: c, label: `${c} — ${byCategory.get(c).join(', ')}` }))];
}

const districtOpts = (refs, m) => options(refs.districts.filter((d) => d.municipality_code === m), (d) => d.id, (d) => d.name, t('bud.new.no_district'));
const teamOpts = (refs, m, d) => options(refs.teams.filter((x) => x.municipality_code === m && (!d || String(x.district_id) === d)),
  (x) => x.id, (x) => x.name, t('bud.new.no_team'));

function fields(refs, products, holders) {
  const first = refs.municipalities[0]?.code || '';
  return [
    { name: 'year', label: t('bud.filter.year'), type: 'number', min: 2000, max: 2999, value: thisYear(), required: true },
    { name: 'municipality_code', label: t('bud.filter.municipality'), type: 'select', required: true, value: first,
      options: options(refs.municipalities, (m) => m.code, (m) => `${m.name} (${m.code})`) },
    { name: 'district_id', label: t('bud.filter.district'), type: 'select', options: districtOpts(refs, first), hint: t('bud.new.district_hint') },
    { name: 'team_id', label: t('bud.filter.team'), type: 'select', options: teamOpts(refs, first, '') },
    { name: 'product_category', label: t('bud.col.category'), type: 'select', required: true, options: categoryOptions(products) },
    { name: 'financing_kind', label: t('bud.new.financing'), type: 'select', required: true,
      options: ['ZIN', 'budget', 'PGB'].map((k) => ({ value: k, label: t(`bud.financing.${k}`) })) },
    { name: 'amount_cents', label: t('bud.new.amount'), required: true, inputmode: 'decimal', hint: t('bud.realloc.amount_hint') },
    { name: 'name', label: t('bud.new.name'), hint: t('bud.new.name_hint') },
    holders ? { name: 'budget_holder_user_id', label: t('bud.new.holder'), type: 'select',
      options: options(holders, (u) => u.id, (u) => `${u.display_name} (${u.username})`, t('bud.new.no_holder')) } : null,
  ].filter(Boolean);
}

function body(v) {
  const cents = parseAmount(v.amount_cents);
  if (cents === null || cents < 0) throw new ApiError(400, 'INVALID_AMOUNT', t('bud.err.amount'), 'amount_cents');
  const out = { year: Number(v.year), municipality_code: v.municipality_code, product_category: v.product_category,
    financing_kind: v.financing_kind, amount_cents: cents };
  for (const k of ['district_id', 'team_id', 'budget_holder_user_id']) if (v[k]) out[k] = Number(v[k]);
  if (v.name) out.name = v.name;
  return out;
}

export async function renderNewBudget(main, ctx) {
  const [refs, products] = await Promise.all([loadRefs(), api.get('/products?limit=1000')]);
  // Only an admin may list users; finance records a budget without a named holder.
  const holders = ctx.user.role === 'admin' ? await api.get('/users?role=budget_holder&status=active&sort=display_name&limit=1000') : null;
  const el = form(fields(refs, products, holders), t('bud.new.submit'), async (v) => {
    const b = await api.post('/budgets', body(v));
    announce(t('bud.new.saved', { name: b.name, amount: money(b.amount_cents) }));
    ctx.navigate(ctx.user.role === 'admin' ? '/budgets/new' : `/budgets/${b.id}`);
  });
  const { municipality_code: m, district_id: d, team_id: tm } = el.elements;
  m.addEventListener('change', () => {
    setOptions(d, districtOpts(refs, m.value));
    setOptions(tm, teamOpts(refs, m.value, d.value));
  });
  d.addEventListener('change', () => setOptions(tm, teamOpts(refs, m.value, d.value)));
  page(main, t('bud.new.title'), section(t('bud.new.section'), el));
}
