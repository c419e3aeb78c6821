// 登录 and 修改密码.
import * as api from '../api.js';
import { h, clear, alertBox } from '../dom.js';

export function loginView(main, ctx, boot, keep) {
  if (!keep) clear(main);
  const msg = h('div');
  const login = h('input', { id: 'login', name: 'login', class: 'form-control', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', class: 'form-control', autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit', class: 'btn btn-primary w-100', id: 'login-button' }, '登录');
  const form = h('form', { class: 'card card-body mx-auto mt-4 login-card', novalidate: true },
    h('h1', { class: 'h4 mb-3 text-center' }, '有诉即办工作台'),
    h('div', { class: 'mb-3' }, h('label', { for: 'login', class: 'form-label' }, '登录名'), login),
    h('div', { class: 'mb-3' }, h('label', { for: 'password', class: 'form-label' }, '密码'), password),
    msg, button);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!login.value.trim() || !password.value) {
      msg.replaceChildren(alertBox('danger', '请输入登录名和密码。'));
      return;
    }
    button.disabled = true;
    button.textContent = '正在登录…';
    try {
      const me = await api.post('login', { login: login.value.trim(), password: password.value });
      api.setCsrf(me.csrf);
      password.value = '';
      location.hash = me.must_change ? '#/password' : '#/todo';
      await boot();
    } catch (e) {
      msg.replaceChildren(alertBox('danger', e.message));
      button.disabled = false;
      button.textContent = '登录';
    }
  });
  main.append(h('div', { class: 'row' }, h('div', { class: 'col-md-6 col-lg-4 mx-auto' }, form)));
  login.focus();
}

export function passwordView(main, ctx, boot) {
  clear(main);
  const forced = ctx.me && ctx.me.must_change;
  const msg = h('div');
  const old = h('input', { id: 'old-password', type: 'password', class: 'form-control', autocomplete: 'current-password' });
  const pw1 = h('input', { id: 'new-password', type: 'password', class: 'form-control', autocomplete: 'new-password' });
  const pw2 = h('input', { id: 'new-password2', type: 'password', class: 'form-control', autocomplete: 'new-password' });
  const button = h('button', { type: 'submit', class: 'btn btn-primary', id: 'password-button' }, '修改密码');
  const form = h('form', { class: 'card card-body mx-auto mt-4', novalidate: true },
    h('h1', { class: 'h4 mb-3' }, '修改密码'),
    forced ? alertBox('info', '这是管理员设置的临时密码，请先设置您自己的密码。') : null,
    h('div', { class: 'mb-3' }, h('label', { for: 'old-password', class: 'form-label' }, forced ? '临时密码' : '原密码'), old),
    h('div', { class: 'mb-3' }, h('label', { for: 'new-password', class: 'form-label' }, '新密码'), pw1,
      h('div', { class: 'form-text' }, '至少 10 个字符，不能与登录名相同。')),
    h('div', { class: 'mb-3' }, h('label', { for: 'new-password2', class: 'form-label' }, '再输入一次新密码'), pw2),
    msg, button);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (pw1.value !== pw2.value) {
      msg.replaceChildren(alertBox('danger', '两次输入的新密码不一致。'));
      return;
    }
    button.disabled = true;
    try {
      await api.post('password', { old: old.value, new: pw1.value });
      old.value = pw1.value = pw2.value = '';
      location.hash = '#/todo';
      await boot();
    } catch (e) {
      msg.replaceChildren(alertBox('danger', e.message));
      button.disabled = false;
    }
  });
  main.append(h('div', { class: 'row' }, h('div', { class: 'col-md-6 col-lg-4 mx-auto' }, form)));
}
