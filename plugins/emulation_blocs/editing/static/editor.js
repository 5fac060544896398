// Starts Decap CMS with what the site adds: the file format that keeps untouched bytes
// (format.js), the Vietnamese interface completed (locale-vi.js), and a preview pane that shows
// what `make check` says about the entry and its text as the site renders it (the preview
// server's /admin/api/check; a published copy of the editor has no such endpoint and shows
// the entry's text only).
import * as YAML from './vendor/yaml/index.js';
import vi from './vendor/decap-cms-locales/vi/index.js';
import { createFormat, keyOrder } from './format.js';
import { COMPLETION, merged } from './locale-vi.js';

const CMS = window.CMS;
const h = window.h;
const createClass = window.createClass;

const schema = await (await fetch('article.schema.json')).json();
const config = YAML.parse(await (await fetch('config.yml', { cache: 'no-store' })).text());
const format = createFormat(YAML, keyOrder(schema));
const CHECK_DELAY_MS = 600; // after the last keystroke

CMS.registerLocale('vi', merged(vi, COMPLETION));
CMS.registerCustomFormat('blocs-frontmatter', 'md', format);
CMS.registerPreviewStyle('editor.css');
CMS.registerPreviewStyle('../theme/css/site.css');

function draftPath(entry, collection) {
  const path = entry.get('path');
  if (path) return path;
  return `${collection.folder}/bai-moi.md`; // not saved yet: a name in the right province
}

function ProblemList({ result }) {
  if (!result) return h('p', { className: 'blocs-check' }, 'Đang kiểm tra…');
  if (result.unavailable) return null;
  if (result.problems.length === 0) {
    return h('section', { className: 'blocs-check blocs-check--clean', 'aria-live': 'polite' },
      h('h2', null, 'Kiểm tra: không có lỗi'),
      h('p', null, 'Bài này qua được «make check». Bấm «Công bố», rồi «Công bố ngay» để ghi tệp.'));
  }
  return h('section', { className: 'blocs-check blocs-check--problems', 'aria-live': 'polite' },
    h('h2', null, `Kiểm tra: ${result.problems.length} lỗi cần sửa trước khi lưu`),
    h('ul', null, result.problems.map((found, index) => h('li', { key: index, 'data-code': found.code },
      h('strong', null, found.code), found.field ? [' ', h('code', null, found.field)] : null,
      ' ', found.message, h('br'), h('span', { className: 'blocs-check__hint' }, `→ ${found.hint}`)))));
}

function previewFor(collection) {
  return createClass({
    getInitialState() { return { result: null, html: '' }; },
    componentDidMount() { this.schedule(); },
    componentDidUpdate(previous) {
      if (previous.entry !== this.props.entry) this.schedule();
    },
    componentWillUnmount() { clearTimeout(this.timer); },
    schedule() {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.check(), CHECK_DELAY_MS);
    },
    async check() {
      const entry = this.props.entry;
      const text = format.toFile(entry.get('data').toJS());
      try {
        const response = await fetch('api/check', {
          method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ path: draftPath(entry, collection), text }),
        });
        if (!response.ok) throw new Error(String(response.status));
        const result = await response.json();
        this.setState({ result, html: result.html });
      } catch (error) {
        this.setState({ result: { unavailable: true }, html: '' });
      }
    },
    render() {
      const data = this.props.entry.get('data');
      return h('main', { className: 'blocs-preview' },
        h(ProblemList, { result: this.state.result }),
        h('article', null,
          h('h1', null, data.get('title') || ''),
          this.state.html
            ? h('div', { dangerouslySetInnerHTML: { __html: this.state.html } })
            : this.props.widgetFor('body')));
    },
  });
}

for (const collection of config.collections) {
  CMS.registerPreviewTemplate(collection.name, previewFor(collection));
}
CMS.init();
