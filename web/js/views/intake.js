// 窗口受理: the profile's work-order fields; anonymous; the source and
// the 12345 form's fields; similar published guidance cases while the
// content is typed; after saving: refusal (不予受理) with its ground and
// channel, resolution on the spot, or the routing proposal; print.
import * as api from '../api.js';
import { h, clear, alertBox, deptName, formName } from '../dom.js';
import { buildForm } from '../forms.js';

const HOTLINE = ['hotline_no', 'contact_within_hours', 'time_limit_days', 'feedback_within_days', 'lead_unit', 'co_units'];

const MATCH = { phone: '同一电话', org: '同一单位', content: '内容相似' };

export function intakeView(main, ctx) {
  clear(main);
  const similar = h('div', { id: 'similar-cases', class: 'similar' });
  const repeats = h('div', { id: 'repeats', class: 'similar mb-2' });
  const result = h('div', { id: 'intake-result' });
  const form = buildForm('intake', ctx, {
    submit: '登记',
    values: { source: 'window', staff: ctx.me.name },
    onsubmit: async (body) => {
      const doc = await api.post('intake', body);
      showSaved(result, ctx, doc);
      form.reset();
      form.inputs.staff.el.value = ctx.me.name;
      hotlineFields();
      clear(similar);
      clear(repeats);
      result.scrollIntoView();
    },
  });
  form.id = 'intake-form';
  // the 12345 form's own fields only for a hotline complaint
  const source = form.inputs.source.el;
  function hotlineFields() {
    for (const k of HOTLINE) {
      const inp = form.inputs[k];
      if (inp) inp.el.closest('.mb-2, .form-check').classList.toggle('d-none', source.value !== 'hotline');
    }
  }
  source.addEventListener('change', hotlineFields);
  hotlineFields();
  // similar guidance cases while typing
  let timer = null;
  const content = form.inputs.content.el;
  content.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = content.value.trim();
      if (text.length < 4) { clear(similar); return; }
      try {
        const cases = await api.get('case.search', { text, similar: true, limit: 3 });
        clear(similar);
        if (cases.length)
          similar.append(h('div', { class: 'card card-body py-2' },
            h('div', { class: 'small text-secondary mb-1' }, '相似的指导案例'),
            h('ul', { class: 'mb-0 small' }, cases.map((c) => h('li', null,
              h('strong', null, c.title || c.id), '：', c.conclusion || '')))));
      } catch (e) { clear(similar); }
    }, 500);
  });
  // 重复件: earlier complaints of this phone, organisation or text, within
  // the profile's window; the clerk links the new one to one, or adds to
  // an open one instead of registering anew
  let rtimer = null;
  const repeatOf = form.inputs.repeat_of ? form.inputs.repeat_of.el : null;
  async function lookRepeats() {
    const q = {};
    const phone = form.inputs.phone.el.value.trim();
    const text = content.value.trim();
    if (phone.length >= 5) q.phone = phone;
    if (text.length >= 6) q.content = text;
    if (form.inputs.is_org && form.inputs.is_org.el.checked && form.inputs.name.el.value.trim())
      q.org = form.inputs.name.el.value.trim();
    if (!Object.keys(q).length || !ctx.may('repeats')) { clear(repeats); return; }
    try {
      const r = await api.get('repeats', q);
      clear(repeats);
      if (!r.found.length) return;
      repeats.append(h('div', { class: 'card card-body py-2 border-warning' },
        h('div', { class: 'small fw-bold mb-1' }, `可能是重复件（${r.window_days}天内）`),
        h('ul', { class: 'mb-0 small list-unstyled' }, r.found.map((x) => h('li', { class: 'mb-1', 'data-id': x.id },
          h('a', { href: `#/c/${encodeURIComponent(x.id)}` }, x.id), ` ${x.received} ${MATCH[x.match] || x.match}`,
          x.match === 'content' ? `（相似度${x.similarity}）` : '', x.open ? '，办理中' : '，已办结',
          h('div', { class: 'text-secondary' }, x.content || ''),
          h('button', { type: 'button', class: 'btn btn-sm btn-outline-warning me-1 repeat-link', onclick: () => {
            if (repeatOf) repeatOf.value = x.id;
          } }, '作为重复件登记'),
          x.open && ctx.may('add') ? h('button', { type: 'button', class: 'btn btn-sm btn-outline-secondary repeat-add', onclick: async () => {
            try {
              await api.post('add', { id: x.id, content: content.value.trim(), source: source.value });
              clear(result).append(alertBox('success', `已作为补充反映记入 ${x.id}（不另登记，期限不变）`));
              clear(repeats);
            } catch (e) { repeats.prepend(alertBox('danger', e.message)); }
          } }, '补充反映到此件') : null)))));
    } catch (e) { clear(repeats); }
  }
  const lookSoon = () => { clearTimeout(rtimer); rtimer = setTimeout(lookRepeats, 500); };
  form.inputs.phone.el.addEventListener('input', lookSoon);
  content.addEventListener('input', lookSoon);
  main.append(h('h1', { class: 'h4 mb-3' }, '窗口受理登记'),
    h('div', { class: 'row' },
      h('div', { class: 'col-lg-7' }, form),
      h('div', { class: 'col-lg-5' }, repeats, result, similar)));
}

// after saving: the number, then what to do with it
function showSaved(box, ctx, doc) {
  clear(box);
  const id = doc.id;
  const next = h('div', { id: 'after-intake' });
  box.append(alertBox('success', '已登记，编号 ', h('strong', { id: 'new-id' }, id)),
    h('div', { class: 'mb-3' },
      h('a', { class: 'btn btn-sm btn-outline-secondary me-1', href: `#/print/workorder/${encodeURIComponent(id)}`, id: 'print-new' }, `打印${formName(ctx)}`),
      h('a', { class: 'btn btn-sm btn-outline-primary me-1', href: `#/c/${encodeURIComponent(id)}`, id: 'open-new' }, '打开详情')),
    next);
  if (doc.similar_cases && doc.similar_cases.length)
    box.append(h('div', { class: 'small text-secondary' }, '相似的指导案例：',
      doc.similar_cases.map((c) => `${c.title || c.id}`).join('；')));
  // refusal: the ground, and the channel the complainant is told
  if (ctx.may('reject')) {
    const channel = h('div', { class: 'form-text', id: 'reject-channel' });
    const f = buildForm('reject', ctx, {
      fixed: { id }, hide: ['id'], submit: '不予受理',
      onsubmit: async (body) => {
        await api.post('reject', body);
        clear(next).append(alertBox('warning', `已不予受理。请告知反映人：${channel.textContent}`));
      },
    });
    const ground = f.inputs.ground.el;
    ground.addEventListener('change', () => {
      const g = (ctx.profile.grounds || []).find((x) => x.code === ground.value);
      channel.textContent = g ? `告知渠道：${g.channel}` : '';
    });
    ground.after(channel);
    next.append(h('details', { class: 'mb-2' }, h('summary', null, '不属于受理范围（不予受理）'), f));
  }
  // on the spot: classify, then resolve
  if (ctx.may('classify') && ctx.may('resolve')) {
    const f = buildForm('classify', ctx, {
      fixed: { id }, hide: ['id'], submit: '研判分类',
      onsubmit: async (body) => {
        await api.post('classify', body);
        await afterClassify(next, ctx, id);
      },
    });
    next.append(h('div', { class: 'card card-body' }, h('h2', { class: 'h6' }, '研判分类'), f));
  }
}

async function afterClassify(next, ctx, id) {
  clear(next);
  let proposal = null;
  try { proposal = await api.get('route', { id }); } catch (e) { proposal = null; }
  next.append(alertBox('info', '已分类。', proposal && proposal.lead
    ? h('span', { id: 'route-proposal' }, `分办建议：牵头 ${proposal.lead.name}${(proposal.co || []).length ? `，协办 ${proposal.co.map((c) => deptName(ctx, c.code)).join('、')}` : ''}（${proposal.lead.reason || ''}）`)
    : h('span', { id: 'route-proposal' }, '没有匹配的部门，由督办人员分办。')));
  const f = buildForm('resolve', ctx, {
    fixed: { id }, hide: ['id'], submit: '当场办结',
    onsubmit: async (body) => {
      await api.post('resolve', body);
      clear(next).append(alertBox('success', '已当场办结。'));
    },
  });
  next.append(h('details', { class: 'mb-2' }, h('summary', null, '当场办结'), f),
    h('a', { href: `#/c/${encodeURIComponent(id)}`, class: 'btn btn-sm btn-primary' }, '转督办分办（打开详情）'));
}
