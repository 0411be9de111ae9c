// The web application's only way to the server: same origin, the HttpOnly session cookie, and
// the X-ZC-Web header that the server demands of every cookie request (CSRF protection).
// Errors become ApiError with the server's reason code, message and field.

export class ApiError extends Error {
  // body: the whole JSON answer (e.g. a declaration rejected as a whole comes back as 422 with
  // its per-line answer), or null.
  // requestId: the server's id of the request (X-Request-Id), which the user can quote to the
  // operator; '' when there was no answer.
  constructor(status, code, message, field, body = null, requestId = '') {
    super(message || code);
    this.status = status;
    this.code = code;
    this.field = field || '';
    this.body = body;
    this.requestId = requestId || '';
  }
}

// An error as the server (or the network) gave it: the user reads the registry's text of its
// code in their language (error_texts.js) rather than the server's English message, unless a
// screen words it itself.
function generic(error) {
  error.generic = true;
  return error;
}

const BASE = '/api/v1';
const HEADERS = { 'X-ZC-Web': '1' };
let onUnauthenticated = () => {};

// Called with no arguments whenever the server answers 401 (session expired or logged out).
export function setUnauthenticatedHandler(fn) {
  onUnauthenticated = fn;
}

async function errorFrom(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    /* not JSON: a proxy or the network */
  }
  const e = body.error || body;
  const requestId = body.request_id || e.request_id || response.headers.get('X-Request-Id') || '';
  return generic(new ApiError(response.status, e.code || `HTTP_${response.status}`, e.message || '', e.field, null, requestId));
}

async function request(method, path, { json, body, contentType, raw } = {}) {
  const headers = { ...HEADERS };
  let payload = body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(json);
  } else if (contentType) {
    headers['Content-Type'] = contentType;
  }
  let response;
  try {
    response = await fetch(BASE + path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw generic(new ApiError(0, 'NETWORK', 'The server cannot be reached.'));
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && !path.startsWith('/auth/login')) onUnauthenticated();
    throw error;
  }
  if (raw) return response;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const get = (path) => request('GET', path);

// A page of a paged list (issue 15): {items, total}, the total from the header X-Total-Count
// (how many match the filters and search before paging; the page's length when absent).
export async function getPage(path) {
  const response = await request('GET', path, { raw: true });
  const items = await response.json();
  const header = response.headers.get('X-Total-Count');
  const total = header !== null && /^\d+$/.test(header) ? Number(header) : items.length;
  return { items, total };
}

// Reference data that rarely changes (products, municipalities, providers), fetched once per
// session: emptied at log-in and log-out, so one user never sees another's answers.
const cache = new Map();
export function getCached(path) {
  if (!cache.has(path)) {
    cache.set(path, get(path).catch((e) => {
      cache.delete(path);
      throw e;
    }));
  }
  return cache.get(path);
}
export function clearCache() {
  cache.clear();
}
export const post = (path, json = {}) => request('POST', path, { json });
export const patch = (path, json = {}) => request('PATCH', path, { json });
export const put = (path, json = {}) => request('PUT', path, { json });
export const postText = (path, text, contentType) => request('POST', path, { body: text, contentType });

// A query string from an object, leaving out empty values.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

// Uploads a file (File or Blob) as the raw body, reporting progress(sentBytes, totalBytes).
// Resolves with {status, contentType, text}; rejects with ApiError.
export function upload(path, file, contentType, progress = () => {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', BASE + path);
    xhr.setRequestHeader('X-ZC-Web', '1');
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.upload.onprogress = (e) => progress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(generic(new ApiError(0, 'NETWORK', 'The server cannot be reached.')));
    xhr.onload = () => {
      const type = xhr.getResponseHeader('Content-Type') || '';
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ status: xhr.status, contentType: type, text: xhr.responseText });
        return;
      }
      let e = {};
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
        e = body.error || body;
      } catch {
        /* not JSON */
      }
      if (xhr.status === 401) onUnauthenticated();
      reject(generic(new ApiError(xhr.status, e.code || `HTTP_${xhr.status}`, e.message || '', e.field, body)));
    };
    xhr.send(file);
  });
}

// Downloads a file with progress(receivedBytes, totalBytes or 0) and hands it to the browser
// as `filename`. Resolves with the downloaded text.
export async function download(path, filename, progress = () => {}) {
  const response = await request('GET', path, { raw: true });
  const total = Number(response.headers.get('Content-Length')) || 0;
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    progress(received, total);
  }
  const blob = new Blob(chunks, { type: response.headers.get('Content-Type') || 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return blob.text();
}
