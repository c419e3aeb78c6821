// 链路 (hub and bridge): each child centre online or offline, when it was
// last seen, what is still to send or to be acknowledged, frames refused;
// and this centre's own link to its parent. Refreshed every 5 seconds.
import * as api from '../api.js';
import { h, clear, fill, alertBox, badge } from '../dom.js';

function rejected(p) {
  const r = p.rejected || {};
  const parts = Object.entries(r).filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`);
  return parts.length ? parts.join('，') : '—';
}

function peers(title, side, id) {
  const list = (side && side.peers) || [];
  return h('section', { class: 'mb-4', 'data-side': id },
    h('h2', { class: 'h6' }, title),
    list.length ? h('table', { class: 'table table-sm desk' },
      h('thead', null, h('tr', null, h('th', null, '中心'), h('th', null, '状态'),
        h('th', null, '最后联系'), h('th', null, '待确认（条）'), h('th', null, '已收（条）'),
        h('th', null, '重复（条）'), h('th', null, '拒收的帧'))),
      h('tbody', null, list.map((p) => h('tr', { 'data-peer': p.peer },
        h('td', null, p.peer),
        h('td', null, p.online ? badge('success', '在线') : badge('danger', '离线')),
        h('td', null, p.last_seen === 'never' ? '从未' : (p.last_seen || '')),
        h('td', null, String(p.backlog ?? 0)),
        h('td', null, String(p.applied ?? 0)),
        h('td', null, String(p.duplicates ?? 0)),
        h('td', null, rejected(p))))))
      : h('p', { class: 'text-secondary small' }, '没有配置。'));
}

export async function linksView(main, ctx) {
  clear(main);
  const body = h('div', { id: 'links' });
  main.append(h('h1', { class: 'h4 mb-3' }, '链路'), body);
  async function refresh(get) {
    const st = await get('status');
    if (!document.body.contains(body)) return;
    fill(body,
      st.children ? peers('下级中心', st.children, 'children') : null,
      st.parent ? peers('上级中心', st.parent, 'parent') : null);
    if (!st.children && !st.parent) body.append(alertBox('info', '本中心没有配置链路。'));
  }
  await refresh(api.get);
  ctx.every(5000, () => refresh(api.refresh).catch(() => {}));
}
