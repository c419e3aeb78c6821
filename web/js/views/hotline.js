// 12345 (the city bridge): the forms (交办单) dispatched from the inbound
// spool, where each went, its state and its result's file.
import * as api from '../api.js';
import { h, clear, alertBox, badge, STATUS } from '../dom.js';

// dispatched, then the state the county reported with its result
const STATE = { dispatched: ['primary', '已派发，待结果'] };

export async function hotlineView(main) {
  clear(main);
  const out = h('div', { id: 'hotline' });
  main.append(h('h1', { class: 'h4 mb-3' }, '12345 交办单'), out);
  try {
    const items = await api.get('hotline.list');
    out.append(items.length ? h('table', { class: 'table table-sm desk' },
      h('thead', null, h('tr', null, h('th', null, '事项编号'), h('th', null, '县'), h('th', null, '乡镇'),
        h('th', null, '派发时间'), h('th', null, '状态'), h('th', null, '结果时间'), h('th', null, '结果文件'))),
      h('tbody', null, items.map((it) => {
        const [kind, text] = STATE[it.status] || ['success', `已反馈：${STATUS[it.status] || it.status || ''}`];
        return h('tr', { 'data-item': it.item },
          h('td', null, it.item), h('td', null, it.county || ''), h('td', null, it.township || ''),
          h('td', null, it.imported_at || ''), h('td', null, badge(kind, text)),
          h('td', null, it.result_at || ''), h('td', null, it.result_file || ''));
      })))
      : h('p', { class: 'text-secondary' }, '还没有派发的交办单。'));
  } catch (e) {
    out.append(alertBox('danger', e.message));
  }
}
