// 账户 (管理员): the centre's accounts, their roles and scope; new
// accounts, password resets (a temporary password shown once, to hand
// over), lock, unlock, disable; the audit log.
import * as api from '../api.js';
import { h, clear, alertBox, ROLE, fmtTime, deptName } from '../dom.js';
import { buildForm } from '../forms.js';

const STATE = { active: '正常', locked: '已锁定', disabled: '已停用' };
const AUDIT = {
  login: '登录', login_failed: '登录失败', login_throttled: '登录过频被拒',
  locked: '账号锁定', logout: '退出', logout_all: '全部退出',
  refused: '拒绝访问', password: '修改密码', password_failed: '修改密码失败',
  'user.add': '新建账号', 'user.passwd': '重置密码', 'user.lock': '锁定',
  'user.unlock': '解锁', 'user.disable': '停用',
};

function tempShown(box, who, temp) {
  clear(box).append(alertBox('warning',
    `${who} 的临时密码：`, h('code', { id: 'temporary-password', class: 'fs-5 mx-1' }, temp),
    '。请当面交给本人；首次登录时须修改。此密码只显示这一次。'));
}

export async function accountsView(main, ctx) {
  clear(main);
  const msg = h('div', { id: 'accounts-msg' });
  const list = h('div', { id: 'accounts' });
  const audit = h('div', { id: 'audit' });
  main.append(h('h1', { class: 'h4 mb-3' }, '账户'), msg, list);

  async function loadUsers() {
    const users = await api.get('user.list');
    clear(list).append(h('table', { class: 'table table-sm desk' },
      h('thead', null, h('tr', null, h('th', null, '登录名'), h('th', null, '姓名'),
        h('th', null, '角色'), h('th', null, '部门范围'), h('th', null, '乡镇范围'),
        h('th', null, '状态'), h('th', null, '操作'))),
      h('tbody', null, users.map((u) => h('tr', { 'data-login': u.login },
        h('td', null, u.login), h('td', null, u.name),
        h('td', null, u.roles.map((r) => ROLE[r] || r).join('、')),
        h('td', null, (u.depts || []).map((d) => deptName(ctx, d)).join('、') || '—'),
        h('td', null, (u.centres || []).join('、') || '全部'),
        h('td', null, STATE[u.state] || u.state, u.must_change ? '（待改密码）' : '',
          u.failures ? `，连续失败 ${u.failures} 次` : ''),
        h('td', null,
          act('重置密码', 'user.passwd', u, true),
          u.state === 'active' ? act('锁定', 'user.lock', u) : act('解锁', 'user.unlock', u),
          u.state !== 'disabled' ? act('停用', 'user.disable', u) : null))))));
  }

  function act(title, cmd, u, temp) {
    return h('button', {
      type: 'button', class: 'btn btn-sm btn-outline-secondary me-1', 'data-act': `${cmd}:${u.login}`,
      onclick: async () => {
        if (!window.confirm(`${title}：${u.name}（${u.login}）？`)) return;
        try {
          const r = await api.post(cmd, { login: u.login });
          if (temp) tempShown(msg, u.name, r.temporary_password);
          else clear(msg).append(alertBox('success', `${title}：${u.name}，已完成`));
          await loadUsers();
          await loadAudit();
        } catch (e) {
          clear(msg).append(alertBox('danger', e.message));
        }
      },
    }, title);
  }

  const addForm = buildForm('user.add', ctx, {
    submit: '新建账号',
    titles: { roles: '角色（可多选）', depts: '部门范围（部门角色必填）', centres: '乡镇范围（县中心账号，不填为全部）' },
    onsubmit: async (body) => {
      for (const k of ['roles', 'depts', 'centres'])
        if (typeof body[k] === 'string') body[k] = body[k].split(/[,，、\s]+/).filter(Boolean);
      const r = await api.post('user.add', body);
      tempShown(msg, r.name, r.temporary_password);
      addForm.reset();
      await loadUsers();
      await loadAudit();
    },
  });
  // roles and departments as lists to pick from
  const roles = addForm.inputs.roles.el;
  const rolePick = h('select', { id: roles.id, name: 'roles', class: 'form-select', multiple: true, size: 8 },
    Object.entries(ROLE).map(([code, t]) => h('option', { value: code }, t)));
  roles.replaceWith(rolePick);
  addForm.inputs.roles.el = { get value() { return [...rolePick.selectedOptions].map((o) => o.value).join(','); } };
  const depts = addForm.inputs.depts.el;
  const deptPick = h('select', { id: depts.id, name: 'depts', class: 'form-select', multiple: true, size: 6 },
    (ctx.depts || []).map((d) => h('option', { value: d.code }, `${d.name}（${d.code}）`)));
  depts.replaceWith(deptPick);
  addForm.inputs.depts.el = { get value() { return [...deptPick.selectedOptions].map((o) => o.value).join(','); } };
  addForm.id = 'user-add-form';

  async function loadAudit() {
    const rows = await api.get('audit', { limit: 200 });
    clear(audit).append(h('table', { class: 'table table-sm desk' },
      h('thead', null, h('tr', null, h('th', null, '时间'), h('th', null, '事件'),
        h('th', null, '账号'), h('th', null, '地址'), h('th', null, '说明'))),
      h('tbody', null, rows.map((e) => h('tr', null,
        h('td', null, e.time || fmtTime(e.at)), h('td', null, AUDIT[e.what] || e.what),
        h('td', null, e.login || ''), h('td', null, e.addr || ''), h('td', { class: 'text' }, e.detail || e.by || ''))))));
  }

  main.append(h('div', { class: 'row mt-3' },
    h('div', { class: 'col-lg-5' }, h('div', { class: 'card card-body' }, h('h2', { class: 'h6' }, '新建账号'), addForm)),
    h('div', { class: 'col-lg-7' }, h('h2', { class: 'h6' }, '审计日志（最近 200 条）'), audit)));
  await Promise.all([loadUsers(), loadAudit()]);
}
