// 统计: a period's figures (on-time and satisfaction rates among them), by
// township, department, source and category, as charts (Chart.js from
// Debian's libjs-chart.js) and tables; the monthly trend of the last 12
// months. At the city bridge: the city's tables from the county reports
// (codes and counts only).
import * as api from '../api.js';
import { h, clear, alertBox, label, SOURCE, STATUS, SATISFACTION, categoryLabel, deptName } from '../dom.js';

export const FIGURES = [
  ['total', '诉求件数'], ['answered', '答复件数'], ['answered_on_time', '按时答复'],
  ['on_time_rate_pct', '按时答复率（%）'],
  ['response_due', '应响应件数'], ['responded_on_time', '按时响应'], ['response_rate_pct', '响应率（%）'],
  ['resolve_asked', '回访问及是否解决'], ['resolved', '已解决'], ['resolution_rate_pct', '解决率（%）'],
  ['overdue', '超期件数'],
  ['overdue_working_days', '超期工作日'], ['visited', '回访件数'],
  ['satisfied', '满意（含基本满意）'], ['satisfaction_rate_pct', '满意率（%）'],
  ['unreachable', '无法回访'],
  ['closed', '办结件数'], ['avg_working_days_to_close', '平均办结工作日'],
  ['redos', '退回重办'], ['reminders', '催办'], ['supervisions', '督办'],
  ['notices', '通报'], ['extensions', '延期'],
  ['plans', '解决方案承诺'], ['plans_kept', '按期兑现'], ['plans_late', '逾期兑现或逾期未兑现'],
  ['provisional', '其中暂定'],
];

let chartLib = null;
async function charts() {
  if (chartLib) return chartLib;
  try {
    const m = await import('/javascript/chart.js/chart.mjs');
    m.Chart.register(...m.registerables);
    chartLib = m.Chart;
  } catch (e) {
    chartLib = false; // no libjs-chart.js: the tables alone
  }
  return chartLib;
}

function monthOf(day) {
  return day ? day.slice(0, 7) : '';
}

function monthRange(month) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

function prevMonths(month, n) {
  const [y, m] = month.split('-').map(Number);
  const out = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

function figureTable(st) {
  return h('table', { class: 'table table-sm desk', id: 'stats-figures' }, h('tbody', null,
    FIGURES.map(([k, t]) => h('tr', { 'data-key': k }, h('th', { class: 'fw-normal field-label' }, t),
      h('td', null, st[k] === null || st[k] === undefined ? '—' : String(st[k]))))));
}

function groupTable(id, title, group, name) {
  const entries = Object.entries(group || {}).sort((a, b) => b[1] - a[1]);
  return h('div', { class: 'col-md-6 col-xl-3' },
    h('h3', { class: 'h6' }, title),
    h('table', { class: 'table table-sm desk', id }, h('tbody', null,
      entries.length ? entries.map(([k, v]) => h('tr', null, h('td', null, name(k)), h('td', { class: 'text-end' }, String(v))))
        : h('tr', null, h('td', { class: 'text-secondary' }, '无')))));
}

function bar(Chart, canvas, labels, data, title) {
  return new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label: title, data, backgroundColor: '#0d6efd', maxBarThickness: 48 }] },
    options: { animation: false, responsive: true, plugins: { legend: { display: false } } },
  });
}

export async function statsView(main, ctx) {
  clear(main);
  if (ctx.me.role_of_centre === 'bridge') return cityView(main, ctx);
  const month = monthOf(ctx.ping && ctx.ping.today) || new Date().toISOString().slice(0, 7);
  const from = h('input', { id: 'st-from', type: 'date', class: 'form-control form-control-sm', value: monthRange(month).from });
  const to = h('input', { id: 'st-to', type: 'date', class: 'form-control form-control-sm', value: monthRange(month).to });
  const form = h('form', { class: 'row g-2 align-items-end mb-3', id: 'stats-form' },
    h('div', { class: 'col-auto' }, h('label', { class: 'form-label small mb-0', for: 'st-from' }, '受理日期起'), from),
    h('div', { class: 'col-auto' }, h('label', { class: 'form-label small mb-0', for: 'st-to' }, '受理日期止'), to),
    h('div', { class: 'col-auto' }, h('button', { type: 'submit', class: 'btn btn-sm btn-primary', id: 'st-apply' }, '统计')));
  const out = h('div', { id: 'stats' });
  const trend = h('div', { id: 'stats-trend', class: 'mt-4' });
  main.append(h('h1', { class: 'h4 mb-3' }, '统计'), form, out, trend);
  const Chart = await charts();
  const made = [];

  async function load() {
    for (const c of made.splice(0)) c.destroy();
    clear(out).append(h('p', { class: 'text-secondary' }, '正在统计…'));
    let st;
    try {
      st = await api.get('stats', { from: from.value, to: to.value });
    } catch (e) {
      clear(out).append(alertBox('danger', e.message));
      return;
    }
    const names = st.names || {};
    const byName = (g) => (k) => (names[g] && names[g][k]) || k;
    clear(out).append(h('div', { class: 'row' },
      h('div', { class: 'col-lg-4' }, figureTable(st)),
      h('div', { class: 'col-lg-8' }, h('div', { class: 'row', id: 'stats-charts' }))),
    h('div', { class: 'row mt-3' },
      ctx.me.role_of_centre === 'hub' ? groupTable('by-origin', '按受理中心（乡镇）', st.by_origin, (k) => k) : null,
      groupTable('by-lead', '按牵头部门', st.by_lead_department, (k) => byName('by_lead_department')(k) || deptName(ctx, k)),
      groupTable('by-source', '按诉求来源', st.by_source, (k) => label(SOURCE, k)),
      groupTable('by-category', '按诉求类别', st.by_category, (k) => byName('by_category')(k) || categoryLabel(ctx, k)),
      groupTable('by-status', '按办理状态', st.by_status, (k) => label(STATUS, k)),
      groupTable('by-satisfaction', '按满意度', st.by_satisfaction, (k) => label(SATISFACTION, k))));
    if (!Chart) return;
    const place = out.querySelector('#stats-charts');
    const chart = (title, group, name) => {
      const entries = Object.entries(group || {}).sort((a, b) => b[1] - a[1]).slice(0, 12);
      const canvas = h('canvas', { 'aria-label': title, role: 'img' });
      place.append(h('div', { class: 'col-md-6 mb-3' }, h('h3', { class: 'h6' }, title), canvas));
      made.push(bar(Chart, canvas, entries.map(([k]) => name(k)), entries.map(([, v]) => v), title));
    };
    if (ctx.me.role_of_centre === 'hub') chart('按受理中心（乡镇）', st.by_origin, (k) => k);
    chart('按牵头部门', st.by_lead_department, (k) => deptName(ctx, k));
    chart('按诉求来源', st.by_source, (k) => label(SOURCE, k));
    chart('按诉求类别', st.by_category, (k) => categoryLabel(ctx, k));
  }

  async function loadTrend() {
    const months = prevMonths(monthOf(to.value) || month, 12);
    clear(trend).append(h('h2', { class: 'h6' }, '近 12 个月趋势'), h('p', { class: 'text-secondary small' }, '正在统计…'));
    const all = await Promise.all(months.map((m) => api.get('stats', monthRange(m)).catch(() => null)));
    const rows = months.map((m, i) => ({ m, st: all[i] || {} }));
    clear(trend).append(h('h2', { class: 'h6' }, '近 12 个月趋势'));
    if (Chart) {
      const canvas = h('canvas', { 'aria-label': '近 12 个月趋势', role: 'img' });
      trend.append(h('div', { class: 'mb-3' }, canvas));
      made.push(new Chart(canvas, {
        data: {
          labels: months,
          datasets: [
            { type: 'bar', label: '诉求件数', data: rows.map((r) => r.st.total || 0), yAxisID: 'n', backgroundColor: '#9ec5fe' },
            { type: 'line', label: '按时答复率（%）', data: rows.map((r) => r.st.on_time_rate_pct), yAxisID: 'pct', borderColor: '#198754' },
            { type: 'line', label: '满意率（%）', data: rows.map((r) => r.st.satisfaction_rate_pct), yAxisID: 'pct', borderColor: '#fd7e14' },
            { type: 'line', label: '响应率（%）', data: rows.map((r) => r.st.response_rate_pct), yAxisID: 'pct', borderColor: '#6f42c1' },
            { type: 'line', label: '解决率（%）', data: rows.map((r) => r.st.resolution_rate_pct), yAxisID: 'pct', borderColor: '#0dcaf0' },
          ],
        },
        options: {
          animation: false,
          scales: { n: { position: 'left', beginAtZero: true }, pct: { position: 'right', min: 0, max: 100 } },
        },
      }));
    }
    trend.append(h('table', { class: 'table table-sm desk', id: 'trend-table' },
      h('thead', null, h('tr', null, h('th', null, '月份'), h('th', null, '诉求件数'), h('th', null, '按时答复率（%）'), h('th', null, '响应率（%）'), h('th', null, '解决率（%）'), h('th', null, '满意率（%）'))),
      h('tbody', null, rows.map((r) => h('tr', null, h('td', null, r.m), h('td', null, String(r.st.total ?? '—')),
        h('td', null, r.st.on_time_rate_pct ?? '—'), h('td', null, r.st.response_rate_pct ?? '—'),
        h('td', null, r.st.resolution_rate_pct ?? '—'), h('td', null, r.st.satisfaction_rate_pct ?? '—'))))));
  }

  form.addEventListener('submit', (ev) => { ev.preventDefault(); load(); loadTrend(); });
  await load();
  loadTrend();
}

// the city's tables: one per grouping, from the counties' reports
async function cityView(main, ctx) {
  const by = h('select', { id: 'city-by', class: 'form-select form-select-sm' },
    [['county', '按县'], ['township', '按乡镇'], ['department', '按部门'], ['source', '按来源'], ['category', '按类别']]
      .map(([v, t]) => h('option', { value: v }, t)));
  const period = h('input', { id: 'city-period', type: 'month', class: 'form-control form-control-sm', value: monthOf(ctx.ping && ctx.ping.today) });
  const out = h('div', { id: 'city' });
  const form = h('form', { class: 'row g-2 align-items-end mb-3' },
    h('div', { class: 'col-auto' }, h('label', { class: 'form-label small mb-0', for: 'city-period' }, '月份'), period),
    h('div', { class: 'col-auto' }, h('label', { class: 'form-label small mb-0', for: 'city-by' }, '分组'), by),
    h('div', { class: 'col-auto' }, h('button', { type: 'submit', class: 'btn btn-sm btn-primary' }, '查询')));
  main.append(h('h1', { class: 'h4 mb-3' }, '全市统计'), form, out);
  async function load() {
    clear(out);
    try {
      const r = await api.get('city', { period: period.value, by: by.value });
      const cols = r.columns || [];
      out.append(h('table', { class: 'table table-sm table-bordered desk' },
        h('thead', null, h('tr', null, cols.map((c) => h('th', null, c)))),
        h('tbody', null, (r.rows || []).map((row) => h('tr', null, row.map((c) => h('td', null, c ?? '')))))));
    } catch (e) {
      out.append(alertBox('danger', e.message));
    }
  }
  form.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
  await load();
}
