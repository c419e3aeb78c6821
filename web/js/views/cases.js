// 指导案例: search the published cases; the proposed ones to review and
// publish (or return) at the county; a case in full. A closed complaint
// is proposed from its own page (推荐指导案例).
import * as api from '../api.js';
import { h, clear, alertBox, badge } from '../dom.js';
import { buildForm } from '../forms.js';

const STATUS = { proposed: ['warning', '待审核'], published: ['success', '已发布'], returned: ['secondary', '已退回'] };

function caseRow(c, open) {
  const [kind, text] = STATUS[c.status] || ['light', c.status || ''];
  return h('tr', { 'data-case': c.id },
    h('td', null, h('a', { href: '#', onclick: (ev) => { ev.preventDefault(); open(c.id); } }, c.id)),
    h('td', null, c.title || ''), h('td', null, c.conclusion || c.summary || ''),
    h('td', null, c.status ? badge(kind, text) : ''));
}

function caseTable(cases, open) {
  return h('table', { class: 'table table-sm desk' },
    h('thead', null, h('tr', null, h('th', null, '编号'), h('th', null, '标题'), h('th', null, '结论意见'), h('th', null, '状态'))),
    h('tbody', null, cases.map((c) => caseRow(c, open))));
}

export async function casesView(main, ctx) {
  clear(main);
  const detail = h('div', { id: 'case-detail' });
  const results = h('div', { id: 'case-results' });
  const text = h('input', { id: 'case-text', class: 'form-control', placeholder: '输入关键词，如：营业执照、社保' });
  const search = h('form', { class: 'd-flex gap-2 mb-3', id: 'case-search' }, text,
    h('button', { type: 'submit', class: 'btn btn-primary text-nowrap' }, '检索'));
  const lists = h('div', { id: 'case-lists' });
  main.append(h('h1', { class: 'h4 mb-3' }, '指导案例'),
    h('div', { class: 'row' },
      h('div', { class: 'col-lg-7' }, search, results, lists),
      h('div', { class: 'col-lg-5' }, detail)));

  async function open(id) {
    clear(detail);
    try {
      const c = await api.get('case.show', { id });
      detail.append(h('div', { class: 'card card-body', 'data-case': c.id },
        h('h2', { class: 'h5' }, c.title || c.id),
        h('div', { class: 'small text-secondary mb-2' }, `${c.id}　来自诉求 ${c.complaint || ''}　推荐人 ${c.proposer || ''}`),
        h('h3', { class: 'h6' }, '诉求概要'), h('p', { class: 'text-pre' }, c.summary || ''),
        h('h3', { class: 'h6' }, '处理方法和步骤'), h('p', { class: 'text-pre' }, c.method || ''),
        h('h3', { class: 'h6' }, '结论意见'), h('p', { class: 'text-pre' }, c.conclusion || ''),
        c.review_note ? [h('h3', { class: 'h6' }, '审核意见'), h('p', { class: 'text-pre' }, c.review_note)] : null,
        c.status === 'proposed' && ctx.may('case.review')
          ? buildForm('case.review', ctx, {
            fixed: { id: c.id }, hide: ['id'], submit: '提交审核',
            titles: { publish: '审核通过并发布（不勾选即退回推荐人）' },
            onsubmit: async (body) => {
              await api.post('case.review', body);
              await open(c.id);
              await loadLists();
            },
          }) : null));
    } catch (e) {
      detail.append(alertBox('danger', e.message));
    }
  }

  async function loadLists() {
    clear(lists);
    for (const [status, title] of [['proposed', '待审核'], ['published', '已发布']]) {
      try {
        const cs = await api.get('case.list', { status, limit: 100 });
        lists.append(h('section', { class: 'mb-3', 'data-section': status },
          h('h2', { class: 'h6' }, title, ' ', h('span', { class: 'badge text-bg-secondary' }, String(cs.length))),
          cs.length ? caseTable(cs, open) : h('p', { class: 'text-secondary small' }, '无。')));
      } catch (e) {
        lists.append(alertBox('danger', e.message));
      }
    }
  }

  search.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(results);
    if (!text.value.trim()) return;
    try {
      const cs = await api.get('case.search', { text: text.value.trim(), limit: 20 });
      results.append(h('h2', { class: 'h6' }, `检索结果（${cs.length}）`),
        cs.length ? caseTable(cs, open) : h('p', { class: 'text-secondary small' }, '没有找到。'));
    } catch (e) {
      results.append(alertBox('danger', e.message));
    }
  });
  await loadLists();
}
