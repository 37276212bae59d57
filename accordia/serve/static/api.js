// Fetching JSON from the API; errors carry the server's own message so the page can show it.

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function answer(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (_) {
    body = null;
  }
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : response.statusText;
    throw new Error(`${response.status}: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
  }
  return body;
}

export async function getJSON(path, params) {
  return answer(await fetch(`api/${path}${query(params)}`, { headers: { Accept: "application/json" } }));
}

const TOKEN_KEY = "accordia-token";

/** The write token the analyst pasted (kept for this browser tab only). */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export async function postJSON(path, params, body) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  return answer(await fetch(`api/${path}${query(params)}`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  }));
}

/** A same-origin API address with its query, for links (downloads, the briefing). */
export function apiHref(path, params) {
  return `api/${path}${query(params)}`;
}
