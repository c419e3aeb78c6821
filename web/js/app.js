// The desk: who is logged in, the menu their roles give, and the views by
// the address's #/... part.
import * as api from './api.js';
import { h, clear, alertBox, ROLE, CENTRE_KIND } from './dom.js';
import { loadSchema } from './forms.js';
import { loginView, passwordView } from './views/login.js';
import { todoView } from './views/todo.js';
import { complaintView } from './views/complaint.js';
import { intakeView } from './views/intake.js';
import { ledgerView } from './views/ledger.js';
import { printView } from './views/print.js';
import { boardView } from './views/board.js';
import { statsView } from './views/stats.js';
import { rankingView } from './views/ranking.js';
import { hotspotsView } from './views/hotspots.js';
import { accountsView } from './views/accounts.js';
import { linksView } from './views/links.js';
import { casesView } from './views/cases.js';
import { hotlineView } from './views/hotline.js';
import { roundsView } from './views/rounds.js';
import { dutyView } from './views/duty.js';
import { rectifyView } from './views/rectify.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const banner = document.getElementById('banner');

// what every view may use: the account, the centre, the profile, the
// catalogue; timers a view starts are stopped when another is shown
export const ctx = {
  me: null, ping: null, profile: null, depts: null, timers: [],
  has(role) { return this.me && this.me.roles.includes(role); },
  may(cmd) { return this.me && this.me.commands.includes(cmd); },
  every(ms, fn) { this.timers.push(setInterval(fn, ms)); },
  go(hash) { if (location.hash === hash) route(); else location.hash = hash; },
};

function hasTodo() {
  return ctx.may('list') || ctx.may('queue');
}

// the menu: each entry for the roles that may use it
const MENU = [
  { hash: '#/todo', title: '待办', show: () => hasTodo() },
  { hash: '#/intake', title: '窗口受理', show: () => ctx.may('intake') },
  { hash: '#/board', title: '督办台', show: () => ctx.may('assign') || ctx.may('extend') || ctx.has('leader') },
  { hash: '#/ledger', title: '台账', show: () => ctx.may('ledger') },
  { hash: '#/stats', title: '统计', show: () => ctx.may('stats') || ctx.may('city') },
  { hash: '#/ranking', title: '考核排名', show: () => ctx.may('ranking') },
  { hash: '#/hotspots', title: '热点', show: () => ctx.may('hotspots') },
  { hash: '#/cases', title: '指导案例', show: () => ctx.may('case.list') || ctx.may('case.review') },
  { hash: '#/rounds', title: '回访批次', show: () => ctx.may('round.list') },
  { hash: '#/rectify', title: '整改报告', show: () => ctx.may('rectify.report') },
  { hash: '#/duty', title: '领导带班', show: () => ctx.may('duty.visit') || ctx.may('duty.import') || ctx.has('leader') },
  { hash: '#/hotline', title: '12345', show: () => ctx.may('hotline.list') },
  { hash: '#/links', title: '链路', show: () => ctx.may('status') && ctx.me.role_of_centre !== 'node' },
  { hash: '#/accounts', title: '账户', show: () => ctx.may('user.list') },
];

function renderShell() {
  clear(nav);
  for (const m of MENU.filter((x) => x.show()))
    nav.append(h('li', { class: 'nav-item' },
      h('a', { class: 'nav-link text-nowrap', href: m.hash, 'data-nav': m.hash.slice(2) }, m.title)));
  clear(who);
  if (!ctx.me) return;
  who.append(
    h('span', { class: 'me-2', id: 'centre-name' },
      `${ctx.me.centre_name}（${CENTRE_KIND[ctx.me.role_of_centre] || ''}）`),
    h('span', { class: 'me-2', id: 'user-name' }, ctx.me.name),
    ...ctx.me.roles.map((r) => h('span', { class: 'badge text-bg-light me-1', 'data-role': r }, ROLE[r] || r)),
    h('a', { class: 'link-light ms-2', href: '#/password' }, '修改密码'),
    h('button', { class: 'btn btn-sm btn-outline-light ms-2', id: 'logout', type: 'button', onclick: logout }, '退出'));
}

async function logout() {
  try { await api.post('logout'); } catch (e) { /* the session may be gone */ }
  ctx.me = null;
  api.setCsrf(null);
  renderShell();
  location.hash = '#/login';
  route();
}

// the link to the county: a banner while this township cannot reach it
async function linkBanner() {
  if (!ctx.me) return;
  try {
    ctx.ping = await api.refresh('ping');
  } catch (e) {
    return; // the view says what went wrong
  }
  const up = ctx.ping.parent;
  const offline = Boolean(up && !up.online);
  banner.classList.toggle('d-none', !offline);
  banner.textContent = offline
    ? `与上级中心（${up.code}）的连接已中断${up.last_seen && up.last_seen !== 'never' ? `，最后联系于 ${up.last_seen}` : ''}：本中心照常受理和办理，${up.backlog ? `待上报 ${up.backlog} 条，` : ''}恢复连接后自动同步。`
    : '';
}

export async function boot() {
  try {
    ctx.me = await api.get('me');
  } catch (e) {
    ctx.me = null;
  }
  if (!ctx.me) {
    renderShell();
    if (!location.hash.startsWith('#/login')) location.hash = '#/login';
    route();
    return;
  }
  api.setCsrf(ctx.me.csrf);
  if (ctx.me.must_change) {
    renderShell();
    location.hash = '#/password';
    route();
    return;
  }
  await loadSchema();
  // a 统计 account reads neither the profile's lists nor the catalogue
  const opt = (cmd, none) => (ctx.may(cmd) ? api.get(cmd) : Promise.resolve(none));
  [ctx.ping, ctx.profile, ctx.depts] = await Promise.all([
    api.get('ping'), opt('profile', {}), opt('depts', [])]);
  renderShell();
  if (!location.hash || location.hash === '#/' || location.hash.startsWith('#/login'))
    location.hash = hasTodo() ? '#/todo' : '#/stats';
  route();
  linkBanner();
  setInterval(linkBanner, 5000);
}

const ROUTES = [
  [/^#\/login$/, () => loginView(main, ctx, boot)],
  [/^#\/password$/, () => passwordView(main, ctx, boot)],
  [/^#\/todo$/, () => todoView(main, ctx)],
  [/^#\/intake$/, () => intakeView(main, ctx)],
  [/^#\/ledger$/, () => ledgerView(main, ctx)],
  [/^#\/board$/, () => boardView(main, ctx)],
  [/^#\/stats$/, () => statsView(main, ctx)],
  [/^#\/ranking$/, () => rankingView(main, ctx)],
  [/^#\/hotspots$/, () => hotspotsView(main, ctx)],
  [/^#\/links$/, () => linksView(main, ctx)],
  [/^#\/cases$/, () => casesView(main, ctx)],
  [/^#\/hotline$/, () => hotlineView(main, ctx)],
  [/^#\/rounds$/, () => roundsView(main, ctx)],
  [/^#\/duty$/, () => dutyView(main, ctx)],
  [/^#\/rectify$/, () => rectifyView(main, ctx)],
  [/^#\/round\/([^/]+)$/, (m) => roundsView(main, ctx, decodeURIComponent(m[1]))],
  [/^#\/accounts$/, () => accountsView(main, ctx)],
  [/^#\/c\/([^/]+)$/, (m) => complaintView(main, ctx, decodeURIComponent(m[1]))],
  [/^#\/print\/([a-z]+)\/([^/]+)$/, (m) => printView(main, ctx, m[1], decodeURIComponent(m[2]))],
];

export function route() {
  for (const t of ctx.timers) clearInterval(t);
  ctx.timers = [];
  const hash = location.hash || '#/';
  for (const a of nav.querySelectorAll('a.nav-link'))
    a.classList.toggle('active', hash === a.getAttribute('href'));
  if (!ctx.me && !hash.startsWith('#/login')) {
    loginView(main, ctx, boot);
    return;
  }
  for (const [re, view] of ROUTES) {
    const m = hash.match(re);
    if (m) {
      Promise.resolve(view(m)).catch((e) => showError(e));
      return;
    }
  }
  clear(main).append(alertBox('warning', '没有这个页面。'), h('a', { href: '#/todo' }, '回到待办'));
}

// a refusal (403) or a failure, in the view's place
export function showError(e) {
  clear(main);
  if (e.status === 403)
    main.append(h('div', { class: 'refused' },
      h('h2', { class: 'h4' }, '无权查看或办理'),
      alertBox('danger', e.message),
      h('a', { href: '#/todo' }, '回到待办')));
  else if (e.status === 404)
    main.append(alertBox('warning', `没有找到：${e.message}`), h('a', { href: '#/todo' }, '回到待办'));
  else
    main.append(alertBox('danger', `出错了：${e.message}`));
}

window.addEventListener('hashchange', route);
window.addEventListener('yousu:logged-out', () => {
  if (ctx.me) {
    ctx.me = null;
    renderShell();
    clear(main).append(alertBox('warning', '登录已过期，请重新登录。'));
    loginView(main, ctx, boot, true);
  }
});
boot();
