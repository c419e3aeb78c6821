// A step's form, made from the command schema the daemon publishes
// (/api/v1/openapi.json: each field's Chinese title, type, limits, whether
// it is required), with lists from the profile and the catalogue where a
// field names one of theirs.
import { h, SATISFACTION, REPLY_KIND, VISIT_OUTCOME } from './dom.js';

let schema = null;

// a word under a field where the label alone does not say it (the
// schema's own help is yousuctl's, in English)
const HINTS = {
  name: '匿名反映时可不填',
  phone: '匿名反映时可不填',
  org_contact: '反映人为单位时填写',
  co: '可多选（按住 Ctrl 键点选）',
  stub: '不填则自动编号',
  approver: '批准延期的负责人（带班领导等）',
  reason: '',
  basis: '否定答复（办不了）时必须写明',
  participants: '参加研判、会审的单位和人员',
  opinion: '回访情况，申请人对中心的意见和建议',
  seed: '不填则随机生成并记录，同一种子抽取结果相同',
  size: '不填则按办理规则的抽样件数',
  decision: '领导小组集体研究的决定',
  met_on: '领导小组开会研究的日期',
  due: '领导小组确定的办结期限（工作日），此后按此期限催办、督办',
  steps: '解决方案必填：按方案办理的步骤和措施',
  committed: '解决方案必填：承诺出具办理结果的日期（工作日），此后按承诺期限催办、督办',
  hotline_no: '12345交办单上的事项编号',
  contact_within_hours: '12345交办单要求的联系时限（小时）',
  time_limit_days: '12345交办单规定的办理时限（工作日）',
  feedback_within_days: '12345交办单要求的反馈时限（工作日）',
};

export async function loadSchema() {
  if (schema) return schema;
  const r = await fetch('/api/v1/openapi.json', { credentials: 'same-origin' });
  schema = await r.json();
  return schema;
}

// The fields of cmd: [{key, title, help, type, required, ...}] in order.
export function fieldsOf(cmd) {
  const p = schema && schema.paths[`/api/v1/${cmd}`];
  if (!p) return [];
  if (p.post) {
    const s = p.post.requestBody.content['application/json'].schema;
    return Object.entries(s.properties).map(([key, f]) => ({
      key, ...f, required: (s.required || []).includes(key),
    }));
  }
  return (p.get.parameters || []).map((q) => ({
    key: q.name, ...q.schema, required: q.required,
  }));
}

export function commandTitle(cmd) {
  const p = schema && schema.paths[`/api/v1/${cmd}`];
  const op = p && (p.post || p.get);
  return op ? op.summary : cmd;
}

// Choices for a field, from what the desk knows (ctx: profile, depts).
function choices(cmd, key, ctx) {
  const prof = ctx.profile || {};
  const depts = (ctx.depts || []).map((d) => ({ code: d.code, label: d.name }));
  const pairs = (m) => Object.entries(m).map(([code, label]) => ({ code, label }));
  if (key === 'category') return prof.categories;
  if (key === 'nature') return prof.natures;
  if (key === 'class') return prof.classes && prof.classes.length ? prof.classes : null;
  if (key === 'ground') return prof.grounds;
  if (key === 'satisfaction') return pairs(SATISFACTION);
  if (key === 'outcome' && cmd === 'visit') return pairs(VISIT_OUTCOME);
  if (key === 'by' && cmd === 'ranking') {
    const kind = ctx.me && ctx.me.role_of_centre;
    if (kind === 'bridge') return pairs({ county: '县（市、区）', township: '乡镇（街道）' });
    if (kind === 'hub') return pairs({ township: '乡镇（街道）', department: '部门' });
    return pairs({ department: '部门' });
  }
  // 解决/未解决, or not asked: a choice of three, not a check box
  if (key === 'resolved') return [{ code: 'true', label: '解决' }, { code: 'false', label: '未解决' }];
  if (key === 'round' && ctx.roundChoices) return ctx.roundChoices;
  if (key === 'half') return pairs({ am: '上午', pm: '下午' });
  if (key === 'kind' && cmd === 'reply') return pairs(REPLY_KIND);
  if (key === 'source') return pairs({ window: '窗口', hotline: '12345热线', online: '网上', transfer: '上下级转办' });
  if (key === 'level') return [{ code: '1', label: '一级' }, { code: '2', label: '二级' }, { code: '3', label: '三级' }];
  if (['lead', 'dept'].includes(key)) {
    if (key === 'dept' && ctx.deptChoices) return ctx.deptChoices;
    return depts;
  }
  return null;
}

function control(cmd, f, ctx, value) {
  const id = `f-${cmd}-${f.key}`.replace(/[^a-zA-Z0-9_-]/g, '-');
  const req = f.required ? { required: true } : {};
  const list = choices(cmd, f.key, ctx);
  if (f.key === 'co') {
    // departments, several: a multiple select of the catalogue
    const sel = h('select', { id, name: f.key, class: 'form-select', multiple: true, size: 6 },
      (ctx.depts || []).map((d) => h('option', {
        value: d.code, selected: (value || []).includes(d.code),
      }, `${d.name}（${d.code}）`)));
    return { id, el: sel };
  }
  if (list) {
    const sel = h('select', { id, name: f.key, class: 'form-select', ...req },
      h('option', { value: '' }, f.required ? '请选择…' : '（不填）'),
      list.map((c) => h('option', { value: c.code, selected: String(value ?? '') === c.code },
        c.label === c.code ? c.label : `${c.label}`)));
    return { id, el: sel };
  }
  if (f.type === 'boolean') {
    const box = h('input', { id, name: f.key, type: 'checkbox', class: 'form-check-input', checked: Boolean(value) });
    return { id, el: box, check: true };
  }
  if (f['x-yousu-text']) {
    return { id, el: h('textarea', { id, name: f.key, class: 'form-control', rows: 3, maxlength: 4000, ...req }, value ?? '') };
  }
  if (f.type === 'integer') {
    return { id, el: h('input', { id, name: f.key, type: 'number', class: 'form-control', min: f.minimum, max: f.maximum, value: value ?? '', ...req }) };
  }
  if (f.format === 'date') {
    return { id, el: h('input', { id, name: f.key, type: 'date', class: 'form-control', value: value ?? '', ...req }) };
  }
  return { id, el: h('input', { id, name: f.key, type: 'text', class: 'form-control', maxlength: f.maxLength || 200, value: value ?? '', ...req }) };
}

// A form for cmd; opts: {values, hide: [keys], only: [keys], submit, onsubmit(body)}
export function buildForm(cmd, ctx, opts = {}) {
  const values = opts.values || {};
  const hide = new Set(opts.hide || []);
  const fields = fieldsOf(cmd).filter((f) => !hide.has(f.key) &&
    (!opts.only || opts.only.includes(f.key)));
  const msg = h('div', { class: 'form-msg' });
  const inputs = {};
  const rows = fields.map((f) => {
    const c = control(cmd, f, ctx, values[f.key]);
    inputs[f.key] = { f, el: c.el };
    const title = (opts.titles && opts.titles[f.key]) || f.title || f.key;
    if (c.check)
      return h('div', { class: 'form-check mb-2' }, c.el,
        h('label', { class: 'form-check-label', for: c.id }, title));
    return h('div', { class: 'mb-2' },
      h('label', { class: 'form-label mb-1', for: c.id }, title,
        f.required ? h('span', { class: 'text-danger' }, ' *') : null),
      c.el,
      HINTS[f.key] ? h('div', { class: 'form-text' }, HINTS[f.key]) : null);
  });
  const button = h('button', { type: 'submit', class: 'btn btn-primary', 'data-cmd': cmd },
    opts.submit || commandTitle(cmd));
  const form = h('form', { class: 'step-form', 'data-cmd': cmd, novalidate: true },
    rows, msg, h('div', { class: 'mt-2' }, button, opts.extra || null));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { ...(opts.fixed || {}) };
    for (const [key, { f, el }] of Object.entries(inputs)) {
      if (f.key === 'co') {
        const v = [...el.selectedOptions].map((o) => o.value);
        if (v.length) body.co = v;
      } else if (f.type === 'boolean' && el.tagName === 'SELECT') {
        if (el.value !== '') body[key] = el.value === 'true';
      } else if (f.type === 'boolean') {
        if (el.checked) body[key] = true;
        else if (f.required) body[key] = false;
      } else if (el.value.trim() !== '') {
        body[key] = f.type === 'integer' ? Number(el.value) : el.value.trim();
      }
    }
    const missing = fields.filter((f) => f.required && f.type !== 'boolean' && body[f.key] === undefined);
    if (missing.length) {
      msg.replaceChildren(h('div', { class: 'alert alert-danger py-2 mt-2' },
        `请填写：${missing.map((f) => (opts.titles && opts.titles[f.key]) || f.title).join('、')}`));
      return;
    }
    button.disabled = true;
    msg.replaceChildren();
    try {
      await opts.onsubmit(body);
    } catch (e) {
      msg.replaceChildren(h('div', { class: 'alert alert-danger py-2 mt-2', role: 'alert' }, e.message));
    } finally {
      button.disabled = false;
    }
  });
  form.inputs = inputs;
  return form;
}
