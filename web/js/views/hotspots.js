// 热点 (每月一题): the month's categories and recurring terms that grew most
// against the months before, each with its complaints.
import * as api from '../api.js';
import { h, clear, alertBox, drawn } from '../dom.js';
import { buildForm } from '../forms.js';

function topicTable(id, title, list) {
  return h('div', { class: 'col-lg-6', id },
    h('h2', { class: 'h6' }, title),
    list.length ? h('table', { class: 'table table-sm desk' },
      h('thead', null, h('tr', null, h('th', null, '热点'), h('th', null, '本月'), h('th', null, '此前月均'),
        h('th', null, '增加'), h('th', null, '诉求'))),
      h('tbody', null, list.map((t) => h('tr', { 'data-key': t.key },
        h('td', null, t.label || t.key), h('td', null, String(t.count)), h('td', null, String(t.average_before)),
        h('td', { class: 'text-danger' }, `+${t.growth}`),
        h('td', null, (t.complaints || []).map((c) => [h('a', { href: `#/c/${encodeURIComponent(c)}` }, c), ' '])))))) :
      h('p', { class: 'text-secondary small' }, '没有增长的。'));
}

function show(out, r) {
  clear(out).append(h('p', { class: 'small text-secondary', id: 'hotspots-head', 'data-month': r.month },
    `${r.month}，与 ${r.compared_from} 起的 ${r.months} 个月月均相比`),
  h('div', { class: 'row' },
    topicTable('hot-categories', '增长最多的类别', r.categories || []),
    topicTable('hot-terms', '增长最多的关键词（部门目录）', r.terms || [])));
}

export async function hotspotsView(main, ctx) {
  clear(main);
  const out = h('div', { id: 'hotspots-out' });
  main.append(h('h1', { class: 'h4 mb-3' }, '热点'),
    h('div', { class: 'card card-body mb-3' },
      buildForm('hotspots', ctx, {
        submit: '查看',
        onsubmit: async (body) => show(out, await api.get('hotspots', body)),
      })),
    out);
  try {
    show(out, await api.get('hotspots', {}));
  } catch (e) {
    out.append(alertBox('danger', e.message));
  }
  drawn('hotspots');
}
