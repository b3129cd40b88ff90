// Every user-visible string comes from the locale files; this module picks the language (the
// browser's, remembered after a toggle), fills `data-i18n` / `data-i18n-aria` elements and
// formats `{name}` placeholders. zh is the fallback for a key missing in English.
import zh from './locales/zh.json';
import en from './locales/en.json';

const LOCALES = { zh, en };
const saved = localStorage.getItem('lendseg.lang');
export const i18n = { lang: ['zh', 'en'].includes(saved) ? saved : (navigator.language.startsWith('zh') ? 'zh' : 'en') };

export function t(key, params = {}) {
  const text = LOCALES[i18n.lang][key] ?? LOCALES.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
}

/** The zh or en member of a `{ zh, en }` pair from the core. */
export const pick = (zh, en) => (i18n.lang === 'zh' ? zh : en);

export function setLang(lang) {
  i18n.lang = lang;
  localStorage.setItem('lendseg.lang', lang);
}

export function applyLocale(root = document) {
  document.documentElement.lang = i18n.lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  document.title = `lendseg · ${t('title')}`;
}

/** Numbers the way the language writes them. */
export const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString(i18n.lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');
export const pct = (n, total) => (total ? `${((100 * n) / total).toFixed(1)}%` : '–');
