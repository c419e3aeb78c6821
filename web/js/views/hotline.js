// 12345 (the city bridge): the forms (交办单) dispatched from the inbound
// spool, where each went, its state and its result's file; the forms it
// refused, with their reasons.
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
  // the forms the spool refused: each with its reason, to correct and
  // drop in again
  const rej = h('section', { id: 'hotline-rejected', class: 'mt-4' });
  main.append(rej);
  try {
    const items = await api.get('hotline.rejected');
    rej.append(h('h2', { class: 'h6' }, '退回的交办单 ', h('span', { class: 'badge text-bg-secondary' }, String(items.length))),
      items.length ? h('table', { class: 'table table-sm desk' },
        h('thead', null, h('tr', null, h('th', null, '文件'), h('th', null, '退回时间'), h('th', null, '原因'))),
        h('tbody', null, items.map((it) => h('tr', { 'data-file': it.file },
          h('td', null, it.file), h('td', null, it.time || ''), h('td', { class: 'text' }, it.error || '')))))
        : h('p', { class: 'text-secondary small' }, '没有退回的交办单。'));
  } catch (e) {
    rej.append(alertBox('danger', e.message));
  }
}
