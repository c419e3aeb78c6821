// 督办台: what is late or nearly so, with the 催办/督办/通报 each has had,
// the extensions waiting for approval, and the checks and visits to do;
// counted by township and by department. Refreshed every 30 seconds.
import * as api from '../api.js';
import { h, clear, alertBox, badge, statusBadge, categoryLabel, deptName } from '../dom.js';

const REFRESH_MS = 30000;

function chain(it) {
  const out = [];
  if (it.reminders) out.push(badge('warning', `催办 ${it.reminders}`));
  if (it.supervisions) out.push(badge('danger', `督办 ${it.supervisions}`));
  if (it.notices) out.push(badge('dark', `通报 ${it.notices}`));
  if (it.extensions) out.push(badge('secondary', `已延期 ${it.extensions}`));
  if (it.extension_requested) out.push(badge('info', '延期待批'));
  return out.length ? out : '—';
}

function rows(items, ctx) {
  const sorted = [...items].sort((a, b) => ((a.due || '') < (b.due || '') ? -1 : 1));
  return h('table', { class: 'table table-sm table-hover desk' },
    h('thead', null, h('tr', null, h('th', null, '编号'), h('th', null, '受理中心'),
      h('th', null, '类别'), h('th', null, '牵头部门'), h('th', null, '办理期限'),
      h('th', null, '催办/督办/通报'), h('th', null, '状态'))),
    h('tbody', null, sorted.map((it) => h('tr', { 'data-id': it.id },
      h('td', null, h('a', { href: `#/c/${encodeURIComponent(it.id)}` }, it.id)),
      h('td', null, it.origin || ''),
      h('td', null, categoryLabel(ctx, it.category)),
      h('td', null, deptName(ctx, it.lead)),
      h('td', null, it.due || '', it.overdue_days > 0 ? [' ', badge('danger', `超期 ${it.overdue_days} 个工作日`)] : null),
      h('td', null, chain(it)),
      h('td', null, statusBadge(it.status))))));
}

function tally(items, key, name) {
  const n = new Map();
  for (const it of items) n.set(it[key] || '—', (n.get(it[key] || '—') || 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) =>
    h('li', { class: 'list-group-item d-flex justify-content-between py-1' },
      h('span', null, name(k)), h('span', { class: 'badge text-bg-danger' }, String(v))));
}

export async function boardView(main, ctx) {
  clear(main);
  const body = h('div', { id: 'board' });
  main.append(h('h1', { class: 'h4 mb-3' }, '督办台'), body);
  async function refresh(get) {
    const today = ctx.ping && ctx.ping.today;
    let soon = null;
    try {
      soon = today ? (await get('calendar.add', { from: today, n: 2 })).date : null;
    } catch (e) { soon = null; }
    const [overdue, assigned, replied, checked] = await Promise.all([
      get('list', { overdue: true, limit: 1000 }),
      get('list', { status: 'assigned', limit: 1000 }),
      get('list', { status: 'replied', limit: 1000 }),
      get('list', { status: 'checked', limit: 1000 })]);
    // 领导带班 (003 三(四)): this month's half-days with no window visit
    let duty = null;
    if (ctx.may('duty.board')) {
      try { duty = await get('duty.board'); } catch (e) { duty = null; }
    }
    if (!document.body.contains(body)) return;
    const dueSoon = assigned.filter((it) => !(it.overdue_days > 0) && it.due && soon && it.due <= soon);
    const waiting = assigned.filter((it) => it.extension_requested);
    clear(body);
    const section = (key, title, items, empty) => h('section', { class: 'mb-4', 'data-section': key },
      h('h2', { class: 'h6' }, title, ' ', h('span', { class: 'badge text-bg-secondary' }, String(items.length))),
      items.length ? rows(items, ctx) : h('p', { class: 'text-secondary small' }, empty));
    body.append(h('div', { class: 'row' },
      h('div', { class: 'col-xl-9' },
        section('overdue', '超期未答复', overdue, '没有超期的诉求。'),
        section('due-soon', `两个工作日内到期${soon ? `（${soon} 前）` : ''}`, dueSoon, '没有即将到期的诉求。'),
        section('extensions', '延期申请待审批', waiting, '没有待审批的延期申请。'),
        section('qc', '待质检', replied, '没有待质检的诉求。'),
        section('visit', '待回访', checked, '没有待回访的诉求。')),
      h('div', { class: 'col-xl-3' },
        duty ? h('section', { class: 'mb-3', 'data-section': 'duty-missed' },
          h('h2', { class: 'h6' }, '带班领导未到窗口（本月）', ' ',
            h('span', { class: 'badge text-bg-secondary' }, String(duty.missed))),
          duty.missed
            ? h('ul', { class: 'list-group' }, duty.halves.filter((x) => x.missed).map((x) =>
              h('li', { class: 'list-group-item', 'data-half': `${x.day}${x.half}` },
                `${x.day} ${x.half === 'am' ? '上午' : '下午'} ${x.leader}`)))
            : h('p', { class: 'text-secondary small' }, '没有。'),
          h('a', { href: '#/duty', class: 'small' }, '领导带班情况')) : null,
        h('h2', { class: 'h6' }, '超期件：按受理中心'),
        h('ul', { class: 'list-group mb-3', id: 'overdue-by-centre' }, tally(overdue, 'origin', (k) => k)),
        h('h2', { class: 'h6' }, '超期件：按牵头部门'),
        h('ul', { class: 'list-group mb-3', id: 'overdue-by-dept' }, tally(overdue, 'lead', (k) => deptName(ctx, k))))));
  }
  try {
    await refresh(api.get);
  } catch (e) {
    body.append(alertBox('danger', e.message));
    return;
  }
  ctx.every(REFRESH_MS, () => refresh(api.refresh).catch(() => {}));
}
