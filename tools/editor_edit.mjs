// One edit through the editor's file format, for tests/test_editor.py: a report with a comment
// and a flow list gets a place added, its summary emptied and an empty handover from the form.
import { readFileSync } from 'node:fs';
import * as YAML from 'yaml';
import { createFormat, keyOrder } from '../plugins/emulation_blocs/editing/static/format.js';

const orders = keyOrder(JSON.parse(readFileSync(process.argv[2], 'utf8')));
const format = createFormat(YAML, orders);
const text = '---\n# Ghi chú của người viết\ntitle: Tiêu đề\nsummary: Tóm tắt cũ\nconference:\n'
  + '  kinds: [tong-ket, trien-khai]\n  date: 2020-12-29\n  year_reviewed: 2020\n---\nNội dung.\n';
const data = format.fromFile(text);
data.summary = '';
data.conference.place = 'Hạ Long';
data.handover = { year: null, from: '', to: '' };
console.log(JSON.stringify({ text: format.toFile(data) }));
