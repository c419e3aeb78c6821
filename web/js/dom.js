// Building the page: elements from data, never from HTML strings, so that
// whatever a complainant typed is shown as text (no innerHTML anywhere).

export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function')
      el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled')
      el[k] = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  add(el, kids);
  return el;
}

function add(el, kids) {
  for (const c of kids) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) add(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

// el's content replaced by kids (nulls and falses left out, as in h)
export function fill(el, ...kids) {
  clear(el);
  add(el, kids);
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function alertBox(kind, ...text) {
  return h('div', { class: `alert alert-${kind}`, role: 'alert' }, ...text);
}

// --- words ---------------------------------------------------------------

export const STATUS = {
  registered: '已登记', rejected: '不予受理', classified: '已分类',
  assigned: '办理中', replied: '已答复', checked: '已质检',
  visited: '已回访', closed: '已清零销号',
};
export const SOURCE = {
  window: '窗口', hotline: '12345热线', online: '网上', transfer: '上下级转办',
};
export const SATISFACTION = {
  satisfied: '满意', basic: '基本满意', unsatisfied: '不满意',
};
export const VISIT_OUTCOME = {
  reached: '联系上', no_answer: '无人接听', refused: '拒绝回访', wrong_number: '号码错误',
};
export const REPLY_KIND = {
  done: '已办理', cannot: '否定答复（办不了）', plan: '解决方案（承诺期限内再答复办理结果）',
};
export const ROLE = {
  window: '窗口', supervision: '督办', duty: '带班领导', dept: '部门',
  visit: '回访', leader: '领导', stats: '统计', admin: '管理员',
};
export const CENTRE_KIND = { node: '便民服务中心', hub: '县政务服务中心', bridge: '市局' };

export function label(map, code) {
  return code ? (map[code] || code) : '';
}

// --- time: the centre's clock is China's (UTC+8, no summer time) ----------

const TZ = 8 * 3600;

function parts(unix) {
  const d = new Date((unix + TZ) * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return {
    day: `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`,
    time: `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`,
  };
}

export function fmtTime(unix) {
  if (!unix) return '';
  const p = parts(unix);
  return `${p.day} ${p.time}`;
}

export function fmtDay(unix) {
  return unix ? parts(unix).day : '';
}

// codes by the names the profile and the catalogue give them
export function categoryLabel(ctx, code) {
  const c = ((ctx.profile && ctx.profile.categories) || []).find((x) => x.code === code);
  return c ? c.label : (code || '');
}

export function deptName(ctx, code) {
  const d = (ctx.depts || []).find((x) => x.code === code);
  return d ? d.name : (code || '');
}

// the profile's own name for its form: 工作单, 登记表 (Neixiang), 交办单
// (Pingyi)
export function formName(ctx) {
  const t = (ctx.profile && ctx.profile.title) || '';
  return ['登记表', '交办单', '工作单'].find((w) => t.endsWith(w)) || '工作单';
}

export function badge(kind, text) {
  return h('span', { class: `badge text-bg-${kind} me-1` }, text);
}

export function statusBadge(status) {
  const kind = {
    registered: 'secondary', classified: 'info', assigned: 'primary',
    replied: 'warning', checked: 'warning', visited: 'success',
    closed: 'success', rejected: 'dark',
  }[status] || 'secondary';
  return badge(kind, label(STATUS, status));
}

// A view's data is on the page: a mark for the benchmark
// (bench/desk_views.py reads it from the Performance timeline).
export function drawn(view) {
  performance.mark('yousu-drawn', { detail: view });
}
