// 台账: the ledger in the profile's columns with every filter, a page at a
// time, and the whole of it as CSV or XLSX (made by the daemon while it is
// sent); the county's across its townships.
import * as api from '../api.js';
import { h, clear, alertBox, STATUS, SOURCE, drawn } from '../dom.js';

const PAGE = 50;

function select(id, title, options, value) {
  return h('div', { class: 'col-6 col-md-3 col-xl-2' },
    h('label', { class: 'form-label small mb-0', for: id }, title),
    h('select', { id, class: 'form-select form-select-sm' },
      h('option', { value: '' }, '全部'),
      options.map(([code, text]) => h('option', { value: code, selected: value === code }, text))));
}

function input(id, title, type, value) {
  return h('div', { class: 'col-6 col-md-3 col-xl-2' },
    h('label', { class: 'form-label small mb-0', for: id }, title),
    h('input', { id, type, class: 'form-control form-control-sm', value: value || '' }));
}

export async function ledgerView(main, ctx) {
  clear(main);
  const f = { offset: 0 };
  const depts = (ctx.depts || []).map((d) => [d.code, d.name]);
  const cats = ((ctx.profile && ctx.profile.categories) || []).map((c) => [c.code, c.label]);
  const filters = h('form', { class: 'row g-2 align-items-end mb-3 no-print', id: 'ledger-filters' },
    select('lf-status', '办理状态', Object.entries(STATUS)),
    select('lf-source', '诉求来源', Object.entries(SOURCE)),
    select('lf-category', '诉求类别', cats),
    select('lf-dept', '部门（牵头或协办）', depts),
    ctx.me.role_of_centre !== 'node' ? input('lf-origin', '受理中心（乡镇代码）', 'text') : null,
    input('lf-from', '受理日期起', 'date'),
    input('lf-to', '受理日期止', 'date'),
    h('div', { class: 'col-6 col-md-3 col-xl-2' },
      h('div', { class: 'form-check' },
        h('input', { id: 'lf-overdue', type: 'checkbox', class: 'form-check-input' }),
        h('label', { class: 'form-check-label', for: 'lf-overdue' }, '只看已超期'))),
    h('div', { class: 'col-12 col-md-auto' },
      h('button', { type: 'submit', class: 'btn btn-sm btn-primary me-1', id: 'lf-apply' }, '查询'),
      h('a', { class: 'btn btn-sm btn-outline-secondary me-1', id: 'download-csv' }, '下载 CSV'),
      h('a', { class: 'btn btn-sm btn-outline-secondary me-1', id: 'download-xlsx' }, '下载 Excel'),
      h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary', id: 'ledger-print', onclick: () => window.print() }, '打印')));
  const out = h('div', { id: 'ledger', class: 'landscape' });
  const pager = h('nav', { class: 'no-print', id: 'ledger-pager' });
  main.append(h('h1', { class: 'h4 mb-3' }, (ctx.profile && ctx.profile.ledger_title) || '台账'), filters, out, pager);

  function params() {
    const v = (id) => { const el = document.getElementById(id); return el ? el.value : ''; };
    return {
      status: v('lf-status'), source: v('lf-source'), category: v('lf-category'),
      dept: v('lf-dept'), origin: v('lf-origin'), from: v('lf-from'), to: v('lf-to'),
      overdue: document.getElementById('lf-overdue').checked ? 'true' : '',
    };
  }
  function links() {
    const p = { ...params(), with_id: 'true' };
    document.getElementById('download-csv').href = api.url('ledger.csv', p);
    document.getElementById('download-xlsx').href = api.url('ledger.xlsx', p);
  }
  async function load() {
    links();
    clear(out).append(h('p', { class: 'text-secondary' }, '正在读取…'));
    let r;
    try {
      r = await api.get('ledger', { ...params(), with_id: true, limit: PAGE + 1, offset: f.offset });
    } catch (e) {
      clear(out).append(alertBox('danger', e.message));
      return;
    }
    const more = r.rows.length > PAGE;
    const rows = r.rows.slice(0, PAGE);
    const idCol = r.columns.indexOf('工单编号');
    clear(out).append(h('div', { class: 'table-responsive' },
      h('table', { class: 'table table-sm table-bordered desk ledger-print' },
        h('thead', { class: 'table-light' }, h('tr', null, r.columns.map((c) => h('th', null, c)))),
        h('tbody', null, rows.map((row) => h('tr', null, row.map((cell, i) => h('td', { class: 'text' },
          i === idCol && cell ? h('a', { href: `#/c/${encodeURIComponent(cell)}` }, cell) : cell))))))));
    if (!rows.length) out.append(h('p', { class: 'text-secondary' }, '没有符合条件的诉求。'));
    clear(pager).append(h('ul', { class: 'pagination pagination-sm' },
      h('li', { class: `page-item${f.offset === 0 ? ' disabled' : ''}` },
        h('button', { type: 'button', class: 'page-link', id: 'ledger-prev', onclick: () => { f.offset = Math.max(0, f.offset - PAGE); load(); } }, '上一页')),
      h('li', { class: 'page-item disabled' }, h('span', { class: 'page-link' }, `第 ${f.offset + 1}–${f.offset + rows.length} 条`)),
      h('li', { class: `page-item${more ? '' : ' disabled'}` },
        h('button', { type: 'button', class: 'page-link', id: 'ledger-next', onclick: () => { f.offset += PAGE; load(); } }, '下一页'))));
    drawn('ledger');
  }
  filters.addEventListener('submit', (ev) => { ev.preventDefault(); f.offset = 0; load(); });
  await load();
}
