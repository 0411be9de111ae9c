// The provider's message inbox (berichtenbox, GET /inbox): every WMO301 (allocation), WMO319
// (answer to a request) and WMO325 (answer to a declaration) the municipalities sent, newest
// first, filtered by message and searched by identification, page by page with "1–50 van 123";
// each message downloads as XML. Reading here leaves the message waiting for the provider's
// own software (it is not fetched or acknowledged).
import * as api from '../api.js';
import { dateTime, integer } from '../format.js';
import { addStrings, t } from '../i18n.js';
import {
  badge, errorLine, form, h, link, load, page, section, table,
} from '../ui.js';
import { ROLES } from './provider_common.js';

const PATH = '/provider/messages';
const PAGE_SIZE = 50;
const MESSAGES = ['wmo301', 'wmo319', 'wmo325'];

addStrings({
  nl: {
    'prov.nav.inbox': 'Berichten',
    'prov.inbox.title': 'Berichten van gemeenten',
    'prov.inbox.intro': 'Alle toewijzingen (WMO301), antwoorden op verzoeken (WMO319) en antwoorden op declaraties (WMO325) die gemeenten u stuurden. Hier lezen of downloaden telt niet als ophalen: uw eigen software haalt ze nog steeds op.',
    'prov.inbox.message': 'Bericht',
    'prov.inbox.all': 'Alle berichten',
    'prov.inbox.search': 'Identificatie bevat',
    'prov.inbox.filter': 'Zoeken',
    'prov.inbox.list': 'Berichten',
    'prov.inbox.caption': 'Berichten, nieuwste eerst',
    'prov.inbox.none': 'Er zijn geen berichten die hierbij passen.',
    'prov.inbox.col.message': 'Bericht',
    'prov.inbox.col.identificatie': 'Identificatie',
    'prov.inbox.col.municipality': 'Gemeente',
    'prov.inbox.col.received': 'Ontvangen',
    'prov.inbox.col.software': 'Uw software',
    'prov.inbox.col.download': 'Bestand',
    'prov.inbox.download': 'Downloaden',
    'prov.inbox.download_name': '{name} downloaden',
    'prov.inbox.fetched': 'opgehaald',
    'prov.inbox.acknowledged': 'ontvangst bevestigd',
    'prov.inbox.waiting': 'niet opgehaald',
    'prov.inbox.range': '{from}–{to} van {total}',
    'prov.inbox.pages': 'Pagina’s',
    'prov.inbox.newer': 'Nieuwere',
    'prov.inbox.older': 'Oudere',
    'prov.inbox.kind.wmo301': 'WMO301 toewijzing',
    'prov.inbox.kind.wmo319': 'WMO319 antwoord op verzoek',
    'prov.inbox.kind.wmo325': 'WMO325 antwoord op declaratie',
  },
  en: {
    'prov.nav.inbox': 'Messages',
    'prov.inbox.title': 'Messages from municipalities',
    'prov.inbox.intro': 'Every allocation (WMO301), answer to a request (WMO319) and answer to a declaration (WMO325) the municipalities sent you. Reading or downloading here does not count as fetching: your own software still fetches them.',
    'prov.inbox.message': 'Message',
    'prov.inbox.all': 'All messages',
    'prov.inbox.search': 'Identification contains',
    'prov.inbox.filter': 'Search',
    'prov.inbox.list': 'Messages',
    'prov.inbox.caption': 'Messages, newest first',
    'prov.inbox.none': 'No messages match.',
    'prov.inbox.col.message': 'Message',
    'prov.inbox.col.identificatie': 'Identification',
    'prov.inbox.col.municipality': 'Municipality',
    'prov.inbox.col.received': 'Received',
    'prov.inbox.col.software': 'Your software',
    'prov.inbox.col.download': 'File',
    'prov.inbox.download': 'Download',
    'prov.inbox.download_name': 'Download {name}',
    'prov.inbox.fetched': 'fetched',
    'prov.inbox.acknowledged': 'receipt acknowledged',
    'prov.inbox.waiting': 'not fetched',
    'prov.inbox.range': '{from}–{to} of {total}',
    'prov.inbox.pages': 'Pages',
    'prov.inbox.newer': 'Newer',
    'prov.inbox.older': 'Older',
    'prov.inbox.kind.wmo301': 'WMO301 allocation',
    'prov.inbox.kind.wmo319': 'WMO319 answer to a request',
    'prov.inbox.kind.wmo325': 'WMO325 answer to a declaration',
  },
});

function kindText(m) {
  return MESSAGES.includes(m.message) ? t(`prov.inbox.kind.${m.message}`) : m.message_code;
}

function softwareBadge(m) {
  if (m.acknowledged_at) return badge(t('prov.inbox.acknowledged'), 'ok');
  if (m.fetched_at) return badge(t('prov.inbox.fetched'), 'neutral');
  return badge(t('prov.inbox.waiting'), 'warn');
}

function downloadButton(m) {
  const name = `${(m.message || m.message_code).toUpperCase()}-${m.identificatie}.xml`;
  const status = h('span', { role: 'status' });
  return h('span', {},
    h('button', {
      type: 'button',
      class: 'secondary',
      'aria-label': t('prov.inbox.download_name', { name }),
      onclick: async () => {
        status.replaceChildren();
        try {
          await api.download(`/inbox/${m.id}`, name);
        } catch (e) {
          status.replaceChildren(errorLine(e));
        }
      },
    }, t('prov.inbox.download')),
    status);
}

function messagesTable(rows) {
  return table([
    { label: t('prov.inbox.col.message'), render: kindText },
    { label: t('prov.inbox.col.identificatie'), render: (m) => m.identificatie },
    { label: t('prov.inbox.col.municipality'), render: (m) => m.municipality_code || '' },
    { label: t('prov.inbox.col.received'), render: (m) => dateTime(m.created_at) },
    { label: t('prov.inbox.col.software'), render: softwareBadge },
    { label: t('prov.inbox.col.download'), render: downloadButton },
  ], rows, { caption: t('prov.inbox.caption'), empty: t('prov.inbox.none') });
}

function pager(filter, offset, count, total) {
  const at = (o) => `${PATH}${api.query({ ...filter, offset: o || '' })}`;
  return h('nav', { class: 'actions', 'aria-label': t('prov.inbox.pages') },
    offset > 0 ? link(at(Math.max(0, offset - PAGE_SIZE)), t('prov.inbox.newer')) : null,
    h('span', { class: 'range' }, count === 0 ? '' : t('prov.inbox.range', {
      from: integer(offset + 1), to: integer(offset + count), total: integer(total),
    })),
    offset + count < total ? link(at(offset + PAGE_SIZE), t('prov.inbox.older')) : null);
}

function filterForm(ctx, filter) {
  const el = form([
    {
      name: 'message',
      label: t('prov.inbox.message'),
      type: 'select',
      value: filter.message,
      options: [{ value: '', label: t('prov.inbox.all') },
        ...MESSAGES.map((m) => ({ value: m, label: t(`prov.inbox.kind.${m}`) }))],
    },
    { name: 'q', label: t('prov.inbox.search'), value: filter.q, autocomplete: 'off' },
  ], t('prov.inbox.filter'), async (v) => {
    ctx.navigate(`${PATH}${api.query({ message: v.message, q: v.q.trim() })}`);
  });
  el.classList.add('inline');
  el.id = 'inbox-filter';
  return el;
}

async function renderInbox(main, ctx) {
  const message = MESSAGES.includes(ctx.query.get('message')) ? ctx.query.get('message') : '';
  const filter = { message, q: (ctx.query.get('q') || '').trim().slice(0, 100) };
  const offset = Math.max(0, Number.parseInt(ctx.query.get('offset') || '0', 10) || 0);
  const body = h('div');
  page(main, t('prov.inbox.title'), h('p', {}, t('prov.inbox.intro')),
    h('div', { class: 'card' }, filterForm(ctx, filter)),
    section(t('prov.inbox.list'), body));
  await load(body, () => api.getPage(`/inbox${api.query({ ...filter, limit: PAGE_SIZE, offset })}`),
    ({ items, total }) => [pager(filter, offset, items.length, total), messagesTable(items)]);
}

export default [
  { path: PATH, nav: 'prov.nav.inbox', roles: ROLES, render: renderInbox },
];
