// 领导带班 (003 三(四)): the month's roster, each half-day's leader and
// window visits (上、下午至少各一次到窗口现场办公), the ones without;
// the duty leader records a visit; the supervisor or administrator
// imports the roster (CSV: 日期,时段,带班领导) or sets one half-day.
import * as api from '../api.js';
import { h, clear, alertBox, badge, drawn } from '../dom.js';
import { buildForm } from '../forms.js';

const HALF = { am: '上午', pm: '下午' };

function halfState(x) {
  if (x.visits.length) return badge('success', `已到窗口 ${x.visits.length} 次`);
  return x.missed ? badge('danger', '未到窗口现场办公') : badge('secondary', '未结束');
}

export async function dutyView(main, ctx, notice) {
  clear(main);
  const reload = (msg) => dutyView(main, ctx, msg);
  main.append(h('h1', { class: 'h4 mb-3' }, '领导带班'));
  if (notice) main.append(alertBox('success', notice));
  const side = h('div', { class: 'col-lg-4' });
  const table = h('div', { class: 'col-lg-8', id: 'duty-board' });
  main.append(h('div', { class: 'row' }, table, side));
  if (ctx.may('duty.visit'))
    side.append(h('div', { class: 'card card-body mb-3', id: 'duty-visit' },
      h('h2', { class: 'h6' }, '到窗口现场办公'),
      buildForm('duty.visit', ctx, {
        submit: '记录现场办公',
        onsubmit: async (body) => { await api.post('duty.visit', body); reload('已记录到窗口现场办公。'); },
      })));
  if (ctx.may('duty.import')) {
    const file = h('input', { type: 'file', id: 'duty-file', class: 'form-control', accept: '.csv,text/csv' });
    const msg = h('div');
    const form = h('form', { id: 'duty-import', class: 'card card-body mb-3' },
      h('h2', { class: 'h6' }, '导入排班表'),
      h('div', { class: 'form-text mb-2' }, 'CSV 文件，首行为“日期,时段,带班领导”，每行一个半天，如：2026-10-22,上午,陈成华'),
      file, msg, h('button', { type: 'submit', class: 'btn btn-primary mt-2' }, '导入'));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!file.files.length) {
        msg.replaceChildren(h('div', { class: 'alert alert-danger py-2 mt-2' }, '请选择排班表文件。'));
        return;
      }
      try {
        const r = await api.post('duty.import', { csv: await file.files[0].text() });
        reload(`排班表已导入：${r.halves} 个半天。`);
      } catch (e) {
        msg.replaceChildren(h('div', { class: 'alert alert-danger py-2 mt-2', role: 'alert' }, e.message));
      }
    });
    side.append(form, h('div', { class: 'card card-body mb-3', id: 'duty-set' },
      h('h2', { class: 'h6' }, '排班（单个半天）'),
      buildForm('duty.set', ctx, {
        submit: '保存',
        onsubmit: async (body) => { await api.post('duty.set', body); reload('排班已保存。'); },
      })));
  }
  try {
    const b = await api.get('duty.board');
    table.append(
      h('p', { id: 'duty-counts' }, `${b.from} 至 ${b.to}：排班 ${b.rostered} 个半天，到窗口 ${b.visited} 个，未到 ${b.missed} 个，未结束 ${b.open} 个`),
      b.halves.length ? h('table', { class: 'table table-sm desk' },
        h('thead', null, h('tr', null, h('th', null, '日期'), h('th', null, '时段'), h('th', null, '带班领导'), h('th', null, '现场办公'), h('th', null, '情况'))),
        h('tbody', null, b.halves.map((x) => h('tr', { 'data-half': `${x.day}${x.half}` },
          h('td', null, x.day), h('td', null, HALF[x.half] || x.half), h('td', null, x.leader),
          h('td', null, halfState(x)),
          h('td', { class: 'text-pre' }, x.visits.map((v) => `${v.time} ${v.leader}：${v.note}`).join('\n'))))))
        : h('p', { class: 'text-secondary' }, '本月还没有排班。'));
  } catch (e) {
    table.append(alertBox('danger', e.message));
  }
  drawn('duty');
}
