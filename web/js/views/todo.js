// 待办: each role's lists, oldest first, with counts; refreshed every 30
// seconds without reloading the page.
import * as api from '../api.js';
import { h, clear, alertBox, label, SOURCE, statusBadge, badge, drawn, categoryLabel, deptName } from '../dom.js';

const REFRESH_MS = 30000;

function today(ctx) {
  // the daemon's day (its clock may be a test clock): from the calendar
  return ctx.ping && ctx.ping.today ? ctx.ping.today : null;
}

function dueCell(it, day) {
  const parts = [it.due || '—'];
  if (it.due_provisional) parts.push(badge('secondary', '暂定'));
  if (it.overdue_days > 0) parts.push(badge('danger', `超期 ${it.overdue_days} 个工作日`));
  else if (day && it.due === day) parts.push(badge('warning', '今日到期'));
  return h('td', null, parts);
}

function table(items, ctx, extra) {
  const day = today(ctx);
  const sorted = [...items].sort((a, b) => (a.received < b.received ? -1 : a.received > b.received ? 1 : 0));
  return h('table', { class: 'table table-sm table-hover desk' },
    h('thead', null, h('tr', null,
      h('th', null, '编号'), h('th', null, '受理时间'), h('th', null, '来源'),
      h('th', null, '反映人'), h('th', null, '类别'), h('th', null, '牵头部门'),
      h('th', null, '办理期限'), h('th', null, '状态'), extra ? h('th', null, extra.title) : null)),
    h('tbody', null, sorted.map((it) => h('tr', { 'data-id': it.id },
      h('td', null, h('a', { href: `#/c/${encodeURIComponent(it.id)}`, class: 'complaint-link' }, it.id)),
      h('td', null, it.received || ''),
      h('td', null, label(SOURCE, it.source)),
      h('td', null, it.name || '（匿名）'),
      h('td', null, categoryLabel(ctx, it.category)),
      h('td', null, deptName(ctx, it.lead)),
      dueCell(it, day),
      h('td', null, statusBadge(it.status)),
      extra ? h('td', null, extra.cell(it)) : null))));
}

function queueState(it) {
  const s = [];
  s.push(it.role === 'lead' ? badge('primary', '牵头') : badge('info', '协办'));
  if (!it.accepted) s.push(badge('warning', '待签收'));
  if (it.waiting_for && it.waiting_for.length) s.push(badge('light', `待协办答复：${it.waiting_for.join('、')}`));
  if (it.extension_requested) s.push(badge('secondary', '已申请延期'));
  if (it.replied) s.push(badge('success', '已答复'));
  return s;
}

// the sections this account sees: [title, key, loader, extra column]
function sections(ctx) {
  const out = [];
  const list = (params) => (get) => get('list', { limit: 100, ...params });
  if (ctx.may('classify'))
    out.push({ key: 'registered', title: '待研判分类（已登记）', load: list({ status: 'registered' }) });
  if (ctx.may('assign'))
    out.push({ key: 'classified', title: '待分办转办（已分类）', load: list({ status: 'classified' }) });
  if (ctx.may('accept') && ctx.me.depts)
    for (const d of ctx.me.depts)
      out.push({
        key: `queue-${d}`, title: `部门待办：${deptName(ctx, d)}`,
        load: (get) => get('queue', { dept: d, limit: 100 }),
        extra: { title: '办理情况', cell: queueState },
      });
  if (ctx.may('extend'))
    out.push({
      key: 'extensions', title: '延期申请待审批',
      load: (get) => get('list', { status: 'assigned', limit: 1000 })
        .then((items) => items.filter((it) => it.extension_requested)),
    });
  if (ctx.may('assign') || ctx.has('leader'))
    out.push({ key: 'overdue', title: '超期未答复', load: list({ overdue: true }) });
  if (ctx.may('qc'))
    out.push({ key: 'replied', title: '待质检（已答复）', load: list({ status: 'replied' }) });
  if (ctx.may('visit'))
    out.push({ key: 'checked', title: '待回访（已质检）', load: list({ status: 'checked' }) });
  if (ctx.may('close'))
    out.push({ key: 'visited', title: '待清零销号（已回访）', load: list({ status: 'visited' }) });
  return out;
}

export async function todoView(main, ctx) {
  clear(main);
  const head = h('div', { class: 'd-flex align-items-baseline mb-3' },
    h('h1', { class: 'h4 me-3 mb-0' }, '待办'),
    h('small', { class: 'text-secondary', id: 'refreshed' }, ''));
  const counts = h('div', { class: 'row g-2 mb-3', id: 'counts' });
  const body = h('div', { id: 'todo' });
  main.append(head, counts, body);
  const secs = sections(ctx);
  if (!secs.length) {
    body.append(alertBox('info', '您的角色没有待办事项。可从上方菜单进入其他页面。'));
    return;
  }
  async function refresh(get) {
    const results = await Promise.all(secs.map((s) => s.load(get).then(
      (items) => ({ s, items }), (e) => ({ s, error: e }))));
    if (!document.body.contains(body)) return; // another view is shown
    clear(counts);
    clear(body);
    const day = today(ctx);
    let dueToday = 0;
    let overdue = 0;
    const seen = new Set();
    for (const { items } of results)
      for (const it of items || [])
        if (!seen.has(it.id)) {
          seen.add(it.id);
          if (it.overdue_days > 0) overdue++;
          else if (day && it.due === day) dueToday++;
        }
    const card = (key, title, n, kind) => h('div', { class: 'col-6 col-md-3 col-xl-2' },
      h('div', { class: `card count-card border-${kind}`, 'data-count': key },
        h('div', { class: 'card-body py-2' },
          h('div', { class: 'small text-secondary' }, title),
          h('div', { class: 'display-6' }, String(n)))));
    counts.append(card('due-today', '今日到期', dueToday, 'warning'), card('overdue', '已超期', overdue, 'danger'));
    for (const { s, items } of results)
      if (items && s.key !== 'overdue')
        counts.append(card(s.key, s.title.replace(/（.*）/, ''), items.length >= 100 ? '100+' : items.length, 'primary'));
    for (const { s, items, error } of results) {
      const sec = h('section', { class: 'mb-4', 'data-section': s.key },
        h('h2', { class: 'h6' }, s.title, ' ', h('span', { class: 'badge text-bg-secondary' }, items ? String(items.length) : '?')));
      if (error) sec.append(alertBox('danger', `无法读取：${error.message}`));
      else if (!items.length) sec.append(h('p', { class: 'text-secondary small' }, '没有待办。'));
      else sec.append(table(items, ctx, s.extra));
      body.append(sec);
    }
    const now = new Date();
    document.getElementById('refreshed').textContent =
      `已于 ${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}:${String(now.getSeconds()).padStart(2, '0')} 刷新，每 30 秒自动刷新`;
  }
  await refresh(api.get);
  drawn('todo');
  ctx.every(REFRESH_MS, () => refresh(api.refresh).catch(() => {}));
}
