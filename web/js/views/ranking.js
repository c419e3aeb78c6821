// 考核排名: townships or departments (at the city: counties, or townships
// by county) ranked on the month's weighted score of 响应率, 解决率, 满意率
// and the on-time rate, with the change on the month before.
import * as api from '../api.js';
import { h, clear, alertBox, drawn } from '../dom.js';
import { buildForm } from '../forms.js';

const RATES = [['response_rate_pct', '响应率'], ['resolution_rate_pct', '解决率'],
  ['satisfaction_rate_pct', '满意率'], ['on_time_rate_pct', '按时办结率']];

function num(v) {
  return v === null || v === undefined ? '—' : String(v);
}

function change(v) {
  if (v === null || v === undefined) return h('span', { class: 'text-secondary' }, '—');
  if (v > 0) return h('span', { class: 'text-success' }, `▲${v}`);
  if (v < 0) return h('span', { class: 'text-danger' }, `▼${-v}`);
  return h('span', { class: 'text-secondary' }, '＝');
}

function table(r) {
  const w = r.weights || {};
  return h('div', { id: 'ranking-table', 'data-month': r.month },
    h('h2', { class: 'h5' }, r.title),
    h('p', { class: 'small text-secondary' },
      `综合得分 = ${RATES.map(([k, t]) => `${t}×${w[k] ?? 0}`).join(' + ')}，除以有该项比率的权重之和；与 ${r.previous} 比较。`),
    h('table', { class: 'table table-sm desk' },
      h('thead', null, h('tr', null, h('th', null, '名次'), h('th', null, '单位'), h('th', null, '综合得分'),
        RATES.map(([, t]) => h('th', null, `${t}%`)), h('th', null, '诉求件数'),
        h('th', null, '上月名次'), h('th', null, '名次变化'), h('th', null, '得分变化'))),
      h('tbody', null, (r.ranking || []).map((x) => h('tr', { 'data-code': x.code },
        h('td', null, num(x.rank)), h('td', null, x.name), h('td', null, num(x.score)),
        RATES.map(([k]) => h('td', null, num(x[k]))), h('td', null, num(x.total)),
        h('td', null, num(x.prev_rank)), h('td', { class: 'rank-change' }, change(x.rank_change)),
        h('td', null, change(x.score_change)))))),
    (r.ranking || []).length ? null : h('p', { class: 'text-secondary' }, '本月没有可排名的单位。'));
}

export async function rankingView(main, ctx) {
  clear(main);
  const out = h('div', { id: 'ranking-out' });
  main.append(h('h1', { class: 'h4 mb-3 no-print' }, '考核排名'),
    h('div', { class: 'card card-body mb-3 no-print' },
      buildForm('ranking', ctx, {
        hide: ['format', 'output'],
        submit: '排名',
        onsubmit: async (body) => {
          const r = await api.get('ranking', body);
          clear(out).append(table(r),
            h('button', { type: 'button', class: 'btn btn-outline-secondary no-print', onclick: () => window.print() }, '打印'));
        },
      })),
    out);
  try {
    clear(out).append(table(await api.get('ranking', {})));
  } catch (e) {
    out.append(alertBox('danger', e.message));
  }
  drawn('ranking');
}
