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
// A screen's own wording (localizer, or an error the screen made) comes first; an error as the
// server gave it reads as the registry's text of its code (error_texts.js) when there is one.
export function errorText(error) {
  const key = `error.${error.code}`;
  const known = dictionaries[current][key] ?? dictionaries.nl[key];
  if (error.generic && !error.localized && known) return t(key);
  return error.message || error.code;
}

// t() with a fallback when no string is registered for `key` (t answers the key itself then).
export function tOr(key, fallback, params) {
  const text = t(key, params);
  return text === key ? fallback : text;
}

// Error texts of one screen module: its reason codes in the user's language (PREFIX.error.CODE),
// which form() then shows next to the field with the code.
export function localizer(prefix) {
  const localized = (error) => {
    if (error && error.code) {
      const text = tOr(`${prefix}.error.${error.code}`, '');
      if (text) {
        error.message = text;
        error.localized = true;
      }
    }
    return error;
  };
  return {
    localized,
    async localizedCall(fn) {
      try {
        return await fn();
      } catch (error) {
        throw localized(error);
      }
    },
    // An error found in the browser, shown by form() like a server error.
    fieldError: (code, field) => ({ code, field, message: t(`${prefix}.error.${code}`), localized: true }),
  };
}
