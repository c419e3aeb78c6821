// 诉求详情: the complaint, its deadline, its events as sentences with who
// signed them, and the steps this account may take as buttons with forms.
import * as api from '../api.js';
import { h, clear, alertBox, label, SOURCE, SATISFACTION, VISIT_OUTCOME, ROLE, statusBadge, badge, fmtTime, drawn, categoryLabel, deptName, formName } from '../dom.js';
import { buildForm, commandTitle } from '../forms.js';

const NATURE = { general: '一般', cannot: '办不了', hard: '很难办', refused: '不给办' };

// the order of the buttons, as the work goes
const ORDER = ['classify', 'resolve', 'reject', 'assign', 'accept', 'feedback', 'explain', 'co_reply',
  'extend_request', 'extend', 'reply', 'qc', 'contact', 'visit', 'callback', 'redo',
  'close', 'revisit', 'refer', 'decide', 'fault', 'escalate', 'transfer'];
const DANGER = new Set(['reject', 'redo', 'fault', 'escalate', 'transfer']);

function row(title, value, key) {
  if (value === undefined || value === null || value === '') return null;
  return h('tr', { 'data-field': key || null },
    h('th', { class: 'field-label fw-normal' }, title),
    h('td', { class: 'text-pre' }, value));
}

function signerText(e) {
  const s = e.data && e.data.signer;
  if (s && s.via === 'desk') return `${s.name}（${label(ROLE, s.role)}，账号 ${s.login}）`;
  if (s && s.via === 'yousuctl') return `${e.actor}（管理员在服务器上代为登记）`;
  return e.actor || '';
}

function timeline(doc) {
  return h('ol', { class: 'timeline', id: 'timeline' }, (doc.log || []).map((e) => {
    const auto = !(e.data && e.data.signer) && ['remind', 'supervise', 'notice', 'urge_feedback', 'urge_assign', 'urge_callback', 'contact_late', 'adjust'].includes(e.type);
    return h('li', { class: auto ? 'auto' : '', 'data-type': e.type },
      h('span', { class: 'when' }, e.time || fmtTime(e.at)),
      h('span', { class: 'what text-pre' }, e.summary || e.type),
      h('div', { class: 'who' }, auto ? '系统自动' : `签名：${signerText(e)}`));
  }));
}

// the departments this account may act as on doc (a 部门 account: its
// own among the lead and co-handlers)
function myDepts(ctx, doc) {
  const all = [doc.lead, ...(doc.co || [])].filter(Boolean);
  const mine = ctx.me.depts ? all.filter((d) => ctx.me.depts.includes(d)) : all;
  return mine.map((code) => ({ code, label: `${deptName(ctx, code)}（${code === doc.lead ? '牵头' : '协办'}）` }));
}

// 002 第八条: the plan's steps and committed date belong to a plan only;
// once a plan is given, the reply is its result
function planFields(form, doc) {
  const kind = form.inputs.kind && form.inputs.kind.el;
  // each kind's own fields: a plan's steps and date, a 否定答复's reason
  // and basis; the others hidden (and emptied) until that kind is chosen
  const own = { steps: 'plan', committed: 'plan', reason: 'cannot', basis: 'cannot' };
  const rows = Object.entries(own).filter(([k]) => form.inputs[k])
    .map(([k, which]) => [form.inputs[k].el.closest('.mb-2'), which]);
  if (!kind) return;
  if (planOpen(doc)) {
    for (const o of [...kind.options]) if (o.value === 'plan') o.remove();
  }
  const sync = () => {
    for (const [r, which] of rows) {
      r.classList.toggle('d-none', kind.value !== which);
      if (kind.value !== which) r.querySelector('input, textarea').value = '';
    }
  };
  kind.addEventListener('change', sync);
  sync();
}

function explanationText(ctx, doc) {
  const x = doc.explanation;
  if (!x) return null;
  return `问题情况：${x.problem || ''}\n沟通请示及会商情况：${x.consulted || ''}\n拟处理意见：${x.proposal || ''}\n（${deptName(ctx, x.dept)}，${fmtTime(x.at)}）`;
}

function decisionText(ctx, doc) {
  const x = doc.decision;
  if (!x) return null;
  const co = (x.co || []).map((c) => deptName(ctx, c)).join('、');
  return `${x.met_on} 会议：${x.decision || ''}\n参会：${x.participants || ''}\n责成 ${deptName(ctx, x.lead)} 牵头${co ? `，${co} 协办` : ''}，${x.due} 前办结`;
}

// the visit rounds that picked doc and have not visited it yet
function pendingRounds(doc) {
  return (doc.rounds || []).filter((r) => !(doc.revisits && doc.revisits[r]));
}

function revisitText(doc) {
  const rs = Object.entries(doc.revisits || {});
  if (!rs.length) return null;
  return rs.map(([r, v]) => `${r}：${v.reached ? label(SATISFACTION, v.satisfaction) : '无法回访'}${v.opinion ? `；${v.opinion}` : ''}${v.rechecked ? '（已退回重新核实）' : ''}`).join('\n');
}

// 回访: the calls made, and how the visit ended
function visitText(doc) {
  const calls = (doc.visit_calls || []).map((c) => `${fmtTime(c.at)} ${label(VISIT_OUTCOME, c.outcome)}（${c.by}）`);
  const end = doc.unreachable ? `无法回访（${doc.visit_failed} 次未联系上）`
    : doc.satisfaction ? `${label(SATISFACTION, doc.satisfaction)}${doc.resolved === true ? '，问题已解决' : doc.resolved === false ? '，问题未解决' : ''}` : null;
  if (!calls.length) return end;
  return [end, ...calls].filter(Boolean).join('\n');
}

function planOpen(doc) {
  return Boolean(doc.plan && !doc.plan.done_at);
}

function planText(doc) {
  const p = doc.plan;
  if (!p) return null;
  const lines = [p.result || '', `步骤：${p.steps || ''}`,
    `承诺 ${p.committed} 前出具办理结果${!p.done_at && doc.due && doc.due !== p.committed ? `（已延期至 ${doc.due}）` : ''}`];
  if (p.done_at) lines.push(p.kept ? `已按期兑现（${fmtTime(p.done_at)}）` : `逾期 ${p.days_late || 0} 个工作日兑现（${fmtTime(p.done_at)}）`);
  else lines.push('待兑现：请在承诺期限内答复办理结果');
  return lines.join('\n');
}

async function stepForm(ctx, doc, cmd, done) {
  const opts = { fixed: { id: doc.id }, hide: ['id'], values: {}, titles: {} };
  const fctx = { ...ctx, deptChoices: myDepts(ctx, doc),
    roundChoices: pendingRounds(doc).map((r) => ({ code: r, label: r })) };
  if (cmd === 'assign') {
    try {
      const r = await api.get('route', { id: doc.id });
      if (r.lead) opts.values.lead = r.lead.code;
      opts.values.co = (r.co || []).map((c) => c.code);
      opts.extra = h('div', { class: 'form-text mt-2', id: 'route-reason' },
        r.lead ? `分办建议：${r.lead.name}（${r.lead.reason || ''}）` : '没有匹配的部门，请选择。');
    } catch (e) { /* the form works without the proposal */ }
  }
  if (cmd === 'classify') {
    opts.values.category = doc.category;
    opts.values.nature = doc.nature;
  }
  if (['accept', 'feedback', 'co_reply', 'extend_request', 'reply'].includes(cmd)) {
    const mine = fctx.deptChoices;
    if (cmd === 'co_reply') fctx.deptChoices = mine.filter((d) => d.code !== doc.lead);
    if (['extend_request', 'reply', 'feedback'].includes(cmd) && mine.some((d) => d.code === doc.lead))
      opts.values.dept = doc.lead;
    else if (fctx.deptChoices.length === 1) opts.values.dept = fctx.deptChoices[0].code;
  }
  if (cmd === 'extend' && ctx.has('duty')) opts.values.approver = ctx.me.name;
  if (cmd === 'qc') opts.titles.pass = '质检通过（不勾选即不通过，退回部门）';
  if (cmd === 'decide') {
    // the group orders the departments handling it unless it decides otherwise
    opts.values.lead = doc.lead;
    opts.values.co = doc.co || [];
    opts.values.met_on = ctx.ping && ctx.ping.today;
  }
  if (cmd === 'visit') {
    opts.values.outcome = 'reached';
    opts.titles.note = '回访情况（未解决、不满意时写明原因）';
  }
  if (cmd === 'revisit') {
    opts.values.round = pendingRounds(doc)[0];
    opts.titles.reached = '联系上申请人（不勾选即无法回访）';
  }
  if (cmd === 'reply') opts.titles.result = '办理情况（解决方案时写方案内容）';
  opts.onsubmit = async (body) => {
    const r = await api.post(cmd, body);
    // a township's complaint visited from the county: written by its owner
    done(r && r.sent_to
      ? `${commandTitle(cmd)}：已发往${r.sent_to}记录（该诉求由其办理，回传后可见）`
      : `${commandTitle(cmd)}：已完成`);
  };
  const form = buildForm(cmd, fctx, opts);
  if (cmd === 'reply') planFields(form, doc);
  return form;
}

export async function complaintView(main, ctx, id, notice) {
  clear(main).append(h('p', { class: 'text-secondary' }, '正在读取…'));
  const doc = await api.get('show', { id });
  let left = null;
  if (doc.due && ctx.ping && ctx.ping.today && doc.status === 'assigned' && doc.due >= ctx.ping.today) {
    try {
      left = await api.get('calendar.days', { from: ctx.ping.today, to: doc.due });
    } catch (e) { left = null; }
  }
  clear(main);
  const reload = (msg) => complaintView(main, ctx, id, msg);
  const deadline = [];
  if (doc.due) {
    deadline.push(`${doc.due}`);
    if (doc.due_provisional) deadline.push(' ', badge('secondary', '暂定（超出已载入的日历）'));
    if (doc.overdue_days > 0)
      deadline.push(' ', badge('danger', `已超期 ${doc.overdue_days} 个工作日${doc.overdue_provisional ? '（暂定）' : ''}`));
    else if (left && typeof left.working_days === 'number')
      deadline.push(' ', badge(left.working_days <= 1 ? 'warning' : 'success', `剩余 ${left.working_days} 个工作日${left.provisional ? '（暂定）' : ''}`));
  }
  if (notice) main.append(alertBox('success', notice));
  if (doc.explanation_needed && !doc.explanation && doc.status === 'assigned')
    main.append(h('div', { class: 'alert alert-warning py-2', id: 'explanation-needed' },
      '需要与上级沟通请示或涉及多部门的事项，应先形成问题处理说明，方可答复或申请延期。'));
  main.append(
    h('div', { class: 'd-flex flex-wrap align-items-baseline gap-2 mb-2' },
      h('h1', { class: 'h4 mb-0', id: 'complaint-id' }, doc.id),
      h('span', { id: 'complaint-status' }, statusBadge(doc.status)),
      h('span', { class: 'text-secondary' }, `${label(SOURCE, doc.source)} · 受理于 ${fmtTime(doc.received_at)}`),
      h('span', { class: 'ms-auto no-print' },
        h('a', { class: 'btn btn-sm btn-outline-secondary me-1', href: `#/print/workorder/${encodeURIComponent(doc.id)}`, id: 'print-workorder' }, `打印${formName(ctx)}`),
        doc.lead ? h('a', { class: 'btn btn-sm btn-outline-secondary', href: `#/print/handover/${encodeURIComponent(doc.id)}`, id: 'print-handover' }, '打印交办单（含存根）') : null)));
  const info = h('table', { class: 'table table-sm desk', id: 'complaint-fields' }, h('tbody', null,
    row('姓名或单位名称', doc.anonymous && !doc.name ? '（匿名）' : doc.name, 'name'),
    row('单位联系人', doc.org_contact, 'org_contact'),
    row('联系电话', doc.phone, 'phone'),
    row('联系地址', doc.address, 'address'),
    row('诉求主要内容', doc.content, 'content'),
    row('诉求类别', categoryLabel(ctx, doc.category), 'category'),
    row('性质', label(NATURE, doc.nature), 'nature'),
    row('牵头部门', doc.lead ? deptName(ctx, doc.lead) : null, 'lead'),
    row('协办单位', (doc.co || []).map((c) => deptName(ctx, c)).join('、'), 'co'),
    row('办理期限', deadline.length ? h('span', { id: 'deadline' }, deadline) : null, 'due'),
    row('问题处理说明', explanationText(ctx, doc), 'explanation'),
    row('领导小组研究决定', decisionText(ctx, doc), 'decision'),
    row('解决方案', planText(doc), 'plan'),
    row('答复', doc.reply ? `${doc.reply.result || ''}${doc.reply.reason ? `\n理由：${doc.reply.reason}` : ''}${doc.reply.basis ? `\n依据：${doc.reply.basis}` : ''}` : null, 'reply'),
    row('回访', visitText(doc), 'satisfaction'),
    row('批次回访', revisitText(doc), 'revisits'),
    row('受理人员', doc.staff, 'staff'),
    row('带班领导', doc.duty_leader, 'duty_leader'),
    row('12345事项编号', doc.hotline_no, 'hotline_no')));
  // 批次回访 only for a round that picked it and has not visited it
  const actions = (doc.actions || []).filter((a) => a !== 'revisit' || pendingRounds(doc).length)
    .slice().sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  // a closed complaint may become a guidance case (not a workflow step)
  if (doc.status === 'closed' && ctx.may('case.propose')) actions.push('case.propose');
  const formBox = h('div', { id: 'step-form', class: 'card card-body mb-3 d-none' });
  const buttons = h('div', { class: 'mb-3 no-print', id: 'actions' },
    actions.length ? actions.map((cmd) => h('button', {
      type: 'button', class: `btn btn-sm ${DANGER.has(cmd) ? 'btn-outline-danger' : 'btn-outline-primary'} me-1 mb-1`,
      'data-action': cmd,
      onclick: async () => {
        clear(formBox);
        formBox.classList.remove('d-none');
        formBox.append(h('h2', { class: 'h6' }, commandTitle(cmd)),
          await stepForm(ctx, doc, cmd, reload));
        const first = formBox.querySelector('select, textarea, input');
        if (first) first.focus();
      },
    }, commandTitle(cmd))) : h('span', { class: 'text-secondary small' }, '当前没有您可以办理的步骤。'));
  main.append(h('div', { class: 'row' },
    h('div', { class: 'col-lg-7' }, info, buttons, formBox),
    h('div', { class: 'col-lg-5' }, h('h2', { class: 'h6' }, '办理过程'), timeline(doc))));
  drawn('complaint');
}
