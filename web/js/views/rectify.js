// 整改情况报告 (000 一(二) 汇总形成整改情况报告存档备查): a period's report
// from the log, printed (A4 landscape), archived with its SHA-256; the
// archived ones, each checked against the log as it is now.
import * as api from '../api.js';
import { h, clear, alertBox, badge, drawn } from '../dom.js';
import { buildForm } from '../forms.js';

function summaryText(s) {
  return `问题 ${s.problems} 件：已整改到位 ${s.rectified}，整改中 ${s.in_progress}，未整改到位 ${s.not_rectified}；超期 ${s.overdue} 件；通报 ${s.notices} 次；过错 ${s.faults} 件`;
}

function reportSheet(r) {
  return h('div', { class: 'sheet landscape ledger-print', id: 'rectify-sheet', 'data-sha256': r.sha256 },
    h('h1', null, '整改情况报告'),
    h('div', { class: 'sub' }, `${r.from} 至 ${r.to}${r.id ? `　存档编号 ${r.id}` : ''}`),
    h('p', { id: 'rectify-summary' }, summaryText(r.summary || {})),
    h('table', { class: 'form-table' },
      h('thead', null, h('tr', null, r.columns.map((c) => h('th', null, c)))),
      h('tbody', null, r.rows.map((row) => h('tr', { 'data-id': row[0] },
        row.map((v) => h('td', { class: 'text-pre' }, v)))))),
    h('div', { class: 'small mt-2' }, `SHA-256：${r.sha256}`));
}

export async function rectifyView(main, ctx) {
  clear(main);
  const out = h('div', { id: 'rectify-out' });
  const archived = h('div', { id: 'rectify-archived' });
  let period = null;
  const archiveBtn = h('button', {
    type: 'button', class: 'btn btn-outline-primary me-2 d-none', id: 'rectify-archive',
    onclick: async () => {
      try {
        const r = await api.post('rectify.archive', period);
        clear(out).append(alertBox('success', `已存档：${r.id}（SHA-256 ${r.sha256}）`), reportSheet(r));
        await loadArchived();
      } catch (e) { out.prepend(alertBox('danger', e.message)); }
    },
  }, '存档备查');
  const printBtn = h('button', { type: 'button', class: 'btn btn-outline-secondary d-none', id: 'rectify-print', onclick: () => window.print() }, '打印');
  main.append(h('h1', { class: 'h4 mb-3 no-print' }, '整改情况报告'),
    h('div', { class: 'card card-body mb-3 no-print' },
      buildForm('rectify.report', ctx, {
        submit: '生成报告',
        onsubmit: async (body) => {
          period = body;
          const r = await api.get('rectify.report', body);
          clear(out).append(reportSheet(r));
          archiveBtn.classList.toggle('d-none', !ctx.may('rectify.archive'));
          printBtn.classList.remove('d-none');
        },
      }),
      h('div', { class: 'mt-2' }, archiveBtn, printBtn)),
    out, h('h2', { class: 'h6 mt-4 no-print' }, '已存档的报告'), archived);

  async function open(id) {
    try {
      const r = await api.get('rectify.show', { report: id });
      clear(out).append(
        r.changed
          ? alertBox('warning', `存档后已有变更（现为 SHA-256 ${r.current_sha256}），变更的诉求：${(r.changed_ids || []).join('、')}`)
          : alertBox('success', '存档后未变更'),
        reportSheet(r));
      printBtn.classList.remove('d-none');
    } catch (e) { clear(out).append(alertBox('danger', e.message)); }
  }

  async function loadArchived() {
    clear(archived);
    try {
      const rs = await api.get('rectify.list');
      archived.append(rs.length ? h('table', { class: 'table table-sm desk no-print' },
        h('thead', null, h('tr', null, h('th', null, '存档编号'), h('th', null, '期间'), h('th', null, '问题'), h('th', null, '存档人'))),
        h('tbody', null, rs.map((r) => h('tr', { 'data-report': r.id },
          h('td', null, h('a', { href: '#', onclick: (ev) => { ev.preventDefault(); open(r.id); } }, r.id)),
          h('td', null, `${r.from} 至 ${r.to}`),
          h('td', null, badge('secondary', `${(r.summary || {}).problems} 件`)),
          h('td', null, r.actor || '')))))
        : h('p', { class: 'text-secondary small no-print' }, '还没有存档的报告。'));
    } catch (e) { archived.append(alertBox('danger', e.message)); }
  }
  await loadArchived();
  drawn('rectify');
}
