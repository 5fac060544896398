// The editor's file format: Markdown with YAML front matter, written back so that what the
// writer did not touch keeps its bytes. Decap's own front matter format re-serialises the whole
// YAML (key order, quotes, flow lists and comments are lost); this one keeps the parsed YAML
// document of each file it read (the `yaml` package keeps comments, quoting and flow style on
// its nodes) and changes only the values that differ when the entry is saved.
//
// Decap's toFile() is not told which file it writes, so the document is found by its data: the
// file read with exactly the same data (a save without change: the text read is returned
// unchanged), else the file read that shares the most top-level values with the entry.

const FENCE = /^(?:---|\.\.\.)[ \t]*$/m;
const STRINGIFY = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false };

export function splitFrontMatter(text) {
  if (!text.startsWith('---')) return null;
  const firstNewline = text.indexOf('\n');
  if (firstNewline < 0 || text.slice(0, firstNewline).trim() !== '---') return null;
  const rest = text.slice(firstNewline + 1);
  const closing = FENCE.exec(rest);
  if (!closing) return null;
  const yamlText = rest.slice(0, closing.index);
  const afterFence = rest.slice(closing.index + closing[0].length);
  return { yamlText, fence: closing[0], body: afterFence.startsWith('\n') ? afterFence.slice(1) : afterFence };
}

function isEmpty(value) {
  return value === undefined || value === null || value === ''
    || (Array.isArray(value) && value.length === 0)
    || (isPlainObject(value) && Object.keys(value).length === 0);
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// Values as the file holds them: empty fields the form adds (Decap writes "" for an untouched
// text box and {} for an untouched group) are left out, objects keep only what they say.
export function cleaned(value) {
  if (Array.isArray(value)) return value.map(cleaned).filter((item) => !isEmpty(item));
  if (isPlainObject(value)) {
    const result = {};
    for (const [key, item] of Object.entries(value)) {
      const clean = cleaned(item);
      if (!isEmpty(clean)) result[key] = clean;
    }
    return result;
  }
  return value;
}

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isPlainObject(value)) {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// The order of the keys at each level of the schema: "" for the top, "awards" for an award.
export function keyOrder(schema) {
  const orders = {};
  const resolve = (node) => (node && node.$ref ? resolve(schema.$defs[node.$ref.split('/').pop()]) : node);
  const walk = (node, path) => {
    const resolved = resolve(node);
    if (!resolved) return;
    if (resolved.type === 'array') return walk(resolved.items, path);
    if (resolved.type !== 'object' || !resolved.properties) return;
    orders[path] = Object.keys(resolved.properties);
    for (const [key, child] of Object.entries(resolved.properties)) walk(child, path ? `${path}.${key}` : key);
  };
  walk(schema, '');
  return orders;
}

export function createFormat(YAML, orders) {
  const read = new Map(); // canonical data -> { text, yamlText, data }

  function ordered(value, path) {
    if (Array.isArray(value)) return value.map((item) => ordered(item, path));
    if (!isPlainObject(value)) return value;
    const order = orders[path] || [];
    const keys = Object.keys(value).sort((a, b) => rank(order, a) - rank(order, b));
    return Object.fromEntries(keys.map((key) => [key, ordered(value[key], path ? `${path}.${key}` : key)]));
  }

  function fromFile(text) {
    const parts = splitFrontMatter(text);
    if (!parts) return { body: text };
    const document = YAML.parseDocument(parts.yamlText);
    const data = { ...(document.toJS() || {}), body: parts.body };
    read.set(canonical(cleaned(data)), { text, parts, data: structuredClone(data) });
    return data;
  }

  function toFile(entryData) {
    const data = cleaned(entryData);
    const same = read.get(canonical(data));
    if (same) return same.text;
    const body = typeof data.body === 'string' ? data.body : '';
    const frontMatter = { ...data };
    delete frontMatter.body;
    const original = closestRead(data);
    const yamlText = original ? edited(original, frontMatter) : fresh(frontMatter);
    const fence = original ? original.parts.fence : '---';
    return `---\n${yamlText}${fence}\n${body.endsWith('\n') || body === '' ? body : `${body}\n`}`;
  }

  function closestRead(data) {
    let best = null;
    let bestScore = 1; // at least two top-level values in common
    for (const candidate of read.values()) {
      const score = Object.keys(data).filter((key) => key in candidate.data
        && canonical(cleaned(candidate.data[key])) === canonical(data[key])).length;
      if (score > bestScore) [best, bestScore] = [candidate, score];
    }
    return best;
  }

  function fresh(frontMatter) {
    const document = new YAML.Document(ordered(frontMatter, ''));
    const kinds = document.getIn(['conference', 'kinds'], true);
    if (kinds) kinds.flow = true; // as `make new` writes it: kinds: [tong-ket]
    return document.toString(STRINGIFY);
  }

  function edited(original, frontMatter) {
    const document = YAML.parseDocument(original.parts.yamlText);
    const before = { ...original.data };
    delete before.body;
    update(document, document.contents, [], cleaned(before), frontMatter, '');
    return document.toString(STRINGIFY);
  }

  function update(document, node, path, before, after, orderPath) {
    if (canonical(before) === canonical(after)) return;
    if (YAML.isMap(node) && isPlainObject(before) && isPlainObject(after)) {
      for (const key of Object.keys(before)) {
        if (!(key in after)) document.deleteIn([...path, key]);
      }
      const order = orders[orderPath] || [];
      for (const key of Object.keys(after)) {
        const childPath = orderPath ? `${orderPath}.${key}` : key;
        if (key in before) {
          update(document, node.get(key, true), [...path, key], before[key], after[key], childPath);
        } else {
          insertPair(document, node, key, ordered(after[key], childPath), order);
        }
      }
      return;
    }
    if (YAML.isSeq(node) && Array.isArray(before) && Array.isArray(after)
        && after.every(isPlainObject) && before.every(isPlainObject)) {
      after.forEach((item, index) => {
        if (index < before.length) update(document, node.get(index, true), [...path, index], before[index], item, orderPath);
        else node.add(document.createNode(ordered(item, orderPath)));
      });
      node.items.splice(after.length);
      return;
    }
    if (YAML.isScalar(node) && !isPlainObject(after) && !Array.isArray(after)) {
      node.value = after; // keeps the quoting of the text read
      return;
    }
    const replacement = document.createNode(ordered(after, orderPath));
    if (node && node.flow && YAML.isCollection(replacement)) replacement.flow = true;
    if (node && node.commentBefore) replacement.commentBefore = node.commentBefore;
    document.setIn(path, replacement);
  }

  function insertPair(document, map, key, value, order) {
    const pair = document.createPair(key, value);
    const wanted = rank(order, key);
    const index = map.items.findIndex((item) => rank(order, String(item.key)) > wanted);
    if (index < 0) map.items.push(pair);
    else map.items.splice(index, 0, pair);
  }

  return { fromFile, toFile };
}

function rank(order, key) {
  const index = order.indexOf(key);
  return index < 0 ? order.length : index;
}
