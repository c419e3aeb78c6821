// Print: the profile's 工作单, and the 交办单 with its stub, as A4 pages
// (print CSS in desk.css), the fields in the document's order.
import * as api from '../api.js';
import { h, clear, fmtTime, deptName } from '../dom.js';

function sheetParts(form, extraTitle) {
  return [
    h('h1', null, form.title),
    extraTitle ? h('div', { class: 'sub fw-bold' }, extraTitle) : null,
    h('div', { class: 'sub' }, `${form.year_number}　　编号：${form.number}${form.stub ? `　　存根 NO.${form.stub}` : ''}`),
    h('table', { class: 'form-table' }, h('tbody', null, form.fields.map((f) =>
      h('tr', null, h('th', null, f.label), h('td', { class: 'text-pre' }, f.value))))),
  ];
}

function stub(doc, form, ctx) {
  // the stub (存根) the centre keeps when the 交办单 is handed over
  const when = doc.signed && doc.signed.assign ? fmtTime(doc.signed.assign.at) : '';
  return [
    h('div', { class: 'cut' }, '✂ ………………………………… 沿此线剪开，以下为存根 …………………………………'),
    h('div', { class: 'sheet-stub', 'data-form': 'stub' },
      h('div', { class: 'sub fw-bold' }, `交办单存根　NO.${form.stub || doc.stub || ''}`),
      h('table', null, h('tbody', null,
        h('tr', null, h('th', null, '编号'), h('td', null, form.number)),
        h('tr', null, h('th', null, '牵头部门'), h('td', null, deptName(ctx, doc.lead))),
        h('tr', null, h('th', null, '协办单位'), h('td', null, (doc.co || []).map((c) => deptName(ctx, c)).join('、'))),
        h('tr', null, h('th', null, '完成时限'), h('td', null, doc.due || '')),
        h('tr', null, h('th', null, '交办时间'), h('td', null, when)),
        h('tr', null, h('th', null, '签收人'), h('td', null, ''))))),
  ];
}

// what was written on the complaint after its form (问题处理说明, the
// leading group's decision), each on a page of its own
function attachments(form) {
  return (form.attachments || []).map((a) => h('div', { class: 'sheet attachment', 'data-kind': a.kind },
    h('h1', null, a.title),
    h('div', { class: 'sub' }, `编号：${form.number}`),
    h('table', { class: 'form-table' }, h('tbody', null, a.fields.map((f) =>
      h('tr', null, h('th', null, f.label), h('td', { class: 'text-pre' }, f.value)))))));
}

export async function printView(main, ctx, which, id) {
  const doc = await api.get('show', { id });
  const form = doc.workorder_form;
  clear(main).append(
    h('div', { class: 'no-print mb-3' },
      h('button', { type: 'button', class: 'btn btn-primary me-2', id: 'print-now', onclick: () => window.print() }, '打印'),
      h('a', { class: 'btn btn-outline-secondary', href: `#/c/${encodeURIComponent(id)}` }, '返回详情')),
    which === 'handover'
      ? h('div', { class: 'sheet', 'data-form': 'handover' }, sheetParts(form, form.title.includes('交办单') ? null : '交办单'), stub(doc, form, ctx))
      : h('div', { class: 'sheet', 'data-form': 'workorder' }, sheetParts(form)),
    ...(which === 'handover' ? [] : attachments(form)));
}
