// Dutch is the default language; English is available. Every screen module registers its own
// strings with addStrings({nl: {...}, en: {...}}); t(key, params) looks one up in the current
// language, falling back to Dutch and then to the key itself, and fills in {name} parameters.

const dictionaries = { nl: {}, en: {} };
const STORAGE_KEY = 'zc.lang';

export const LANGUAGES = [
  { code: 'nl', name: 'Nederlands' },
  { code: 'en', name: 'English' },
];

let current = (() => {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return saved && saved in dictionaries ? saved : 'nl';
  } catch {
    return 'nl';
  }
})();

export function addStrings(strings) {
  for (const [lang, entries] of Object.entries(strings)) {
    Object.assign(dictionaries[lang] || (dictionaries[lang] = {}), entries);
  }
}

export function language() {
  return current;
}

export function setLanguage(code) {
  if (!(code in dictionaries)) return;
  current = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    /* private browsing: the choice lasts until the page is reloaded */
  }
  document.documentElement.lang = code;
}

export function t(key, params = {}) {
  const text = dictionaries[current][key] ?? dictionaries.nl[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

// A server error in the user's language when we know its code, else the server's own message.
export function errorText(error) {
  const key = `error.${error.code}`;
  const known = dictionaries[current][key] ?? dictionaries.nl[key];
  return known ? t(key) : error.message || error.code;
}
