// For tests/test_editor.py: the keys of Decap's English locale that the editor's Vietnamese
// (decap-cms-locales "vi" completed by locale-vi.js) leaves missing or in English.
import en from '../node_modules/decap-cms-locales/dist/esm/en/index.js';
import vi from '../node_modules/decap-cms-locales/dist/esm/vi/index.js';
import { COMPLETION, SAME_ON_PURPOSE, merged } from '../plugins/emulation_blocs/editing/static/locale-vi.js';

const flat = (object, prefix = '') => Object.entries(object).flatMap(([key, value]) => (
  value && typeof value === 'object' ? flat(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]]));
const translated = Object.fromEntries(flat(merged(vi, COMPLETION)));
const english = flat(en);
console.log(JSON.stringify({
  missing: english.filter(([key]) => !(key in translated)).map(([key]) => key),
  english: english.filter(([key, value]) => translated[key] === value && /[a-z]{3}/i.test(value)
    && !SAME_ON_PURPOSE.includes(key)).map(([key]) => key),
}));
