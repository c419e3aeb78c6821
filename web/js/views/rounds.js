// 回访批次 (004 第六条 定期或不定期回访): the rounds, a new one (the closed
// complaints of a period: the profile's random sample or all), and a
// round's complaints with each visit's result and the round's figures.
// Each complaint is visited from its own page (批次回访).
import * as api from '../api.js';
import { h, clear, alertBox, badge, label, SATISFACTION, statusBadge, drawn } from '../dom.js';
import { buildForm } from '../forms.js';

function visitCell(it) {
  const v = it.visit;
  if (!v) return badge('secondary', '未回访');
  if (!v.reached) return badge('warning', '无法回访');
  return badge(v.satisfaction === 'unsatisfied' ? 'danger' : 'success', label(SATISFACTION, v.satisfaction));
}

async function roundDetail(box, id) {
  clear(box);
  try {
    const r = await api.get('round.show', { round: id });
    const s = r.results || {};
    box.append(h('div', { class: 'card card-body', id: 'round-detail', 'data-round': r.id },
      h('h2', { class: 'h5' }, r.id),
      h('div', { class: 'small text-secondary mb-2' },
        `办结日期 ${r.from} 至 ${r.to}；${r.size ? `随机抽取 ${r.members.length} 件` : `全部 ${r.members.length} 件`}（期间办结 ${r.candidates} 件，随机种子 ${r.seed}）；${r.created || ''} ${r.actor || ''}`),
      h('p', { id: 'round-results' },
        `已回访 ${s.visited} / ${s.members} 件，联系上 ${s.reached} 件，无法回访 ${s.unreached} 件；满意 ${s.satisfied}、基本满意 ${s.basic}、不满意 ${s.unsatisfied}；满意率 ${s.satisfaction_rate_pct === null ? '—' : `${s.satisfaction_rate_pct}%`}；退回重新核实 ${s.rechecked} 件`),
      h('table', { class: 'table table-sm desk' },
        h('thead', null, h('tr', null, h('th', null, '编号'), h('th', null, '状态'), h('th', null, '回访结果'), h('th', null, '回访情况及意见建议'))),
        h('tbody', null, (r.items || []).map((it) => h('tr', { 'data-id': it.id },
          h('td', null, h('a', { href: `#/c/${encodeURIComponent(it.id)}` }, it.id)),
          h('td', null, statusBadge(it.status)),
          h('td', null, visitCell(it), it.rechecked ? [' ', badge('danger', '已退回重新核实')] : null),
          h('td', { class: 'text-pre' }, (it.visit && it.visit.opinion) || '')))))));
  } catch (e) {
    box.append(alertBox('danger', e.message));
  }
}

export async function roundsView(main, ctx, openId) {
  clear(main);
  const list = h('div', { id: 'round-list' });
  const detail = h('div', { id: 'round-box' });
  const create = ctx.may('round.new') ? h('div', { class: 'card card-body mb-3', id: 'round-new' },
    h('h2', { class: 'h6' }, '新建回访批次'),
    buildForm('round.new', ctx, {
      titles: { all: '全部回访（不抽样）' },
      onsubmit: async (body) => {
        const r = await api.post('round.new', body);
        location.hash = `#/round/${encodeURIComponent(r.id)}`;
      },
    })) : null;
  main.append(h('h1', { class: 'h4 mb-3' }, '回访批次'),
    h('div', { class: 'row' },
      h('div', { class: 'col-lg-5' }, create, list),
      h('div', { class: 'col-lg-7' }, detail)));
  try {
    const rs = await api.get('round.list');
    list.append(h('table', { class: 'table table-sm desk' },
      h('thead', null, h('tr', null, h('th', null, '批次'), h('th', null, '办结期间'), h('th', null, '件数'))),
      h('tbody', null, rs.map((r) => h('tr', { 'data-round': r.id },
        h('td', null, h('a', { href: `#/round/${encodeURIComponent(r.id)}` }, r.id)),
        h('td', null, `${r.from} 至 ${r.to}`),
        h('td', null, `${r.members.length}${r.size ? '（抽样）' : ''}`))))));
    if (!rs.length) list.append(h('p', { class: 'text-secondary small' }, '还没有回访批次。'));
  } catch (e) {
    list.append(alertBox('danger', e.message));
  }
  if (openId) await roundDetail(detail, openId);
  drawn('rounds');
}
