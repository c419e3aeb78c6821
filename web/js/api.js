// The daemon's API (/api/v1/): the session is a cookie the page cannot
// read; changes carry the CSRF token the login answered.

let csrf = null;

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function setCsrf(token) {
  csrf = token;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {}))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function url(cmd, params) {
  return `/api/v1/${cmd}${query(params)}`;
}

async function call(method, path, body, background) {
  const opts = { method, credentials: 'same-origin', headers: {} };
  // a refresh the page makes by itself: not the user at the desk (the
  // session's idle time goes on)
  if (background) opts.headers['X-Yousu-Background'] = '1';
  if (method === 'POST') {
    opts.headers['Content-Type'] = 'application/json';
    if (csrf) opts.headers['X-CSRF-Token'] = csrf;
    opts.body = JSON.stringify(body || {});
  }
  let r;
  try {
    r = await fetch(path, opts);
  } catch (e) {
    throw new ApiError(0, '无法连接本中心的服务（网络中断或服务未运行）', 'network');
  }
  let data = null;
  try {
    data = await r.json();
  } catch (e) {
    throw new ApiError(r.status, `服务返回了无法识别的应答（HTTP ${r.status}）`, 'bad_answer');
  }
  if (!r.ok || !data.ok) {
    const err = new ApiError(r.status, data.error || `HTTP ${r.status}`, data.code);
    if (r.status === 401 && path !== '/api/v1/login')
      window.dispatchEvent(new CustomEvent('yousu:logged-out'));
    throw err;
  }
  return data.result;
}

export const get = (cmd, params) => call('GET', url(cmd, params));
export const refresh = (cmd, params) => call('GET', url(cmd, params), undefined, true);
export const post = (cmd, body) => call('POST', `/api/v1/${cmd}`, body);
