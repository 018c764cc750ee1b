// Renders docs/images/vscode-quick-fix.png: a finding of the real plugin as
// the VS Code ESLint extension shows it (squiggles, hover, quick-fix menu).
// There is no VS Code in CI, so this lints a sample file with the built plugin
// through ESLint's Node API and draws the result in an editor-like HTML page,
// which headless Chromium screenshots. Every squiggle range, message, rule id
// and menu entry comes from the lint result; the menu titles are the ones the
// extension builds from it (vscode-eslint server: "Fix this <rule> problem",
// "<suggestion desc> (<rule>)", "Disable <rule> for this line", ...).
//
//   npm run build && node docs/tools/render-editor-screenshot.mjs [out.png]
//
// Needs Chromium (Debian: apt-get install chromium; or set CHROMIUM=/path).
// Not shipped: `files` in package.json does not include docs/tools.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import wimboot from '../../dist/plugin/index.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = process.argv[2] ?? join(REPO_ROOT, 'docs', 'images', 'vscode-quick-fix.png');
const CHROMIUM = process.env.CHROMIUM ?? 'chromium';
const FILE_NAME = 'fonts.js';
const FOCUS_RULE = 'wimboot/prefer-read-only-open';

const SAMPLE = String.raw`import fs from 'node:fs';

const INI_SECTION = '[fonts]';

/**
 * The legacy font picker reads its list from win.ini.
 * Nothing here writes the file.
 */
export function readFontSection() {
  const fd = fs.openSync('C:\\Windows\\win.ini', 'r+');
  try {
    const buffer = Buffer.alloc(4096);
    const bytes = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const text = buffer.toString('latin1', 0, bytes);
    return text.slice(text.indexOf(INI_SECTION));
  } finally {
    fs.closeSync(fd);
  }
}
`;

// Editor metrics (px); columns are positioned in `ch`, so no text measuring.
const LINE_HEIGHT = 19;
const WIDTH = 1000;
const TABS = 35;
const BREADCRUMBS = 22;
const STATUS = 22;
const MENU_ITEM = 24;
const MENU_HEADER = 26;

const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfigFile: true, overrideConfig: [wimboot.configs.recommended] });
const [result] = await eslint.lintText(SAMPLE, { filePath: join(REPO_ROOT, 'src', FILE_NAME) });
const focus = result.messages.find((message) => message.ruleId === FOCUS_RULE);
if (focus === undefined || focus.fix === undefined) {
  throw new Error(
    `expected a fixable ${FOCUS_RULE} finding in the sample, got: ${JSON.stringify(result.messages, null, 2)}`,
  );
}
const docsUrl = eslint.getRulesMetaForResults([result])[FOCUS_RULE]?.docs?.url;

/** The quick fixes the extension offers for one diagnostic, in its order. */
function quickFixTitles(message, results) {
  const rule = message.ruleId;
  const titles = [];
  if (message.fix) titles.push(`Fix this ${rule} problem`);
  for (const suggestion of message.suggestions ?? []) titles.push(`${suggestion.desc} (${rule})`);
  titles.push(`Disable ${rule} for this line`);
  if (results.messages.filter((other) => other.ruleId === rule && other.fix).length > 1)
    titles.push(`Fix all ${rule} problems`);
  titles.push(`Disable ${rule} for the entire file`);
  if (docsUrl) titles.push(`Show documentation for ${rule}`);
  if (results.messages.some((other) => other.fix)) titles.push('Fix all auto-fixable problems');
  return titles;
}

const escapeHtml = (text) =>
  text.replace(/[&<>"]/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

const KEYWORDS = new Set(['import', 'from', 'export', 'return', 'try', 'finally', 'if', 'else', 'for', 'of', 'new']);
const DECLARATIONS = new Set(['const', 'let', 'var', 'function']);

/** A small JS tokenizer, enough for Dark+ colours on the sample. */
function highlight(text) {
  const token = /(\/\/.*|\/\*.*?\*\/|^\s*\*.*|'(?:[^'\\]|\\.)*'|\b\d+\b|\b[A-Za-z_$][\w$]*\b)/gu;
  let html = '';
  let last = 0;
  for (const match of text.matchAll(token)) {
    const [word] = match;
    html += escapeHtml(text.slice(last, match.index));
    last = match.index + word.length;
    let colour;
    if (/^(\/\/|\/\*|\s*\*)/u.test(word)) colour = '#6a9955';
    else if (word.startsWith("'")) colour = '#ce9178';
    else if (/^\d/u.test(word)) colour = '#b5cea8';
    else if (KEYWORDS.has(word)) colour = '#c586c0';
    else if (DECLARATIONS.has(word)) colour = '#569cd6';
    else if (/^[A-Z][A-Z_]+$/u.test(word)) colour = '#4fc1ff';
    else if (text[last] === '(') colour = '#dcdcaa';
    else if (/^[A-Z]/u.test(word)) colour = '#4ec9b0';
    else colour = '#9cdcfe';
    html += `<span style="color:${colour}">${escapeHtml(word)}</span>`;
  }
  return html + escapeHtml(text.slice(last));
}

/** One source line, with squiggles wrapped around each finding's exact columns. */
function renderLine(text, lineNumber) {
  const marks = result.messages
    .filter((message) => message.line === lineNumber && (message.endLine ?? message.line) === lineNumber)
    .map((message) => ({
      start: message.column - 1,
      end: (message.endColumn ?? message.column + 1) - 1,
      severity: message.severity,
    }))
    .sort((a, b) => a.start - b.start);
  let html = '';
  let at = 0;
  for (const mark of marks) {
    html += highlight(text.slice(at, mark.start));
    html += `<span class="squiggle ${mark.severity === 2 ? 'error' : 'warning'}">${highlight(text.slice(mark.start, mark.end))}</span>`;
    at = mark.end;
  }
  return html + highlight(text.slice(at));
}

const lines = SAMPLE.replace(/\n$/u, '').split('\n');
const titles = quickFixTitles(focus, result);
const focusTop = (focus.line - 1) * LINE_HEIGHT;
const menuTop = focusTop + LINE_HEIGHT + 6;
const menuHeight = MENU_HEADER + titles.length * MENU_ITEM + 8;
const editorHeight = Math.max(lines.length * LINE_HEIGHT + 12, menuTop + menuHeight + 16);
const height = TABS + BREADCRUMBS + editorHeight + STATUS;

// The squiggle VS Code draws under diagnostics: a 6x3 zigzag tile.
const squiggle = (colour) =>
  `url("data:image/svg+xml,${encodeURIComponent(`<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 6 3' height='3' width='6'><g fill='${colour}'><polygon points='5.5,0 2.5,3 1.1,3 4.1,0'/><polygon points='4,0 6,2 6,0.6 5.4,0'/><polygon points='0,2 1,3 2.4,3 0,0.6'/></g></svg>`)}")`;
const bulb = `<svg width="14" height="14" viewBox="0 0 16 16"><path fill="#ffcc00" d="M8 1a5 5 0 0 0-3 9v2h6v-2a5 5 0 0 0-3-9zm-2 12h4v1.2c0 .5-.4.8-.8.8H6.8c-.4 0-.8-.3-.8-.8z"/></svg>`;
const page = `<!doctype html>
<meta charset="utf-8">
<style>
  * { box-sizing: border-box; margin: 0; }
  body { width: ${WIDTH}px; height: ${height}px; background: #1e1e1e; color: #d4d4d4; font: 13px 'DejaVu Sans', sans-serif; overflow: hidden; position: relative; }
  .tabs { height: ${TABS}px; background: #252526; display: flex; }
  .tab { background: #1e1e1e; color: #fff; padding: 0 14px; display: flex; align-items: center; gap: 6px; border-top: 1px solid #007acc; }
  .tab .js { color: #cbcb41; font-weight: bold; font-size: 11px; }
  .tab .dirty { color: #ccc; margin-left: 8px; }
  .crumbs { height: ${BREADCRUMBS}px; color: #a9a9a9; padding: 3px 0 0 20px; font-size: 12.5px; }
  .editor { position: relative; height: ${editorHeight}px; font: 14px/${LINE_HEIGHT}px 'DejaVu Sans Mono', monospace; }
  .gutter { position: absolute; left: 0; width: 62px; text-align: right; color: #858585; }
  .gutter div { height: ${LINE_HEIGHT}px; padding-right: 4px; }
  .gutter .current { color: #c6c6c6; }
  .code { position: absolute; left: 82px; white-space: pre; }
  .code div { height: ${LINE_HEIGHT}px; }
  .code .current { outline: 1px solid #282828; width: ${WIDTH - 96}px; }
  .squiggle { background: repeat-x left bottom; }
  .error { background-image: ${squiggle('#f14c4c')}; }
  .warning { background-image: ${squiggle('#cca700')}; }
  .bulb { position: absolute; left: 66px; top: ${focusTop + 2}px; }
  .cursor { position: absolute; top: ${focusTop}px; left: calc(82px + ${focus.column + 1}ch); width: 2px; height: ${LINE_HEIGHT}px; background: #aeafad; }
  .hover { position: absolute; bottom: ${editorHeight - focusTop + 2}px; left: calc(82px + ${focus.column - 12}ch); width: 560px; background: #252526; border: 1px solid #454545; box-shadow: 0 2px 8px #0008; font: 13px/1.45 'DejaVu Sans', sans-serif; }
  .hover .body { padding: 6px 10px 8px; color: #ccc; }
  .hover .source { color: #9d9d9d; white-space: nowrap; }
  .hover a { color: #3794ff; text-decoration: none; }
  .hover .actions { border-top: 1px solid #454545; padding: 4px 10px; background: #2d2d30; }
  .hover .actions a { margin-right: 18px; }
  .hover .key { color: #9d9d9d; }
  .menu { position: absolute; top: ${menuTop}px; left: calc(82px + ${focus.column - 3}ch); min-width: 420px; background: #252526; border: 1px solid #454545; border-radius: 5px; box-shadow: 0 2px 8px #0008; padding: 4px; font: 13px 'DejaVu Sans', sans-serif; }
  .menu .header { height: ${MENU_HEADER}px; color: #8b8b8b; font-size: 11.5px; padding: 6px 8px 0; }
  .menu .item { height: ${MENU_ITEM}px; display: flex; align-items: center; gap: 8px; padding: 0 10px 0 8px; color: #ccc; border-radius: 3px; white-space: nowrap; }
  .menu .item.selected { background: #04395e; outline: 1px solid #007fd4; color: #fff; }
  .status { position: absolute; bottom: 0; left: 0; right: 0; height: ${STATUS}px; background: #007acc; color: #fff; display: flex; align-items: center; gap: 16px; padding: 0 10px; font-size: 12px; }
  .status .right { margin-left: auto; }
</style>
<div class="tabs"><div class="tab"><span class="js">JS</span>${FILE_NAME}</div></div>
<div class="crumbs">src &#8250; <span class="js" style="color:#cbcb41;font-size:10.5px;font-weight:bold">JS</span> ${FILE_NAME} &#8250; readFontSection</div>
<div class="editor">
  <div class="gutter">${lines.map((_, index) => `<div${index + 1 === focus.line ? ' class="current"' : ''}>${index + 1}</div>`).join('')}</div>
  <div class="code">${lines.map((text, index) => `<div${index + 1 === focus.line ? ' class="current"' : ''}>${renderLine(text, index + 1) || ' '}</div>`).join('')}</div>
  <div class="bulb">${bulb}</div>
  <div class="cursor"></div>
  <div class="hover">
    <div class="body">${escapeHtml(focus.message)} <span class="source">ESLint(<a>${escapeHtml(FOCUS_RULE)}</a>)</span></div>
    <div class="actions"><a>View Problem</a><span class="key">(Alt+F8)</span>&nbsp;&nbsp;&nbsp;&nbsp;<a>Quick Fix...</a><span class="key">(Ctrl+.)</span></div>
  </div>
  <div class="menu">
    <div class="header">Quick Fix</div>
    ${titles.map((title, index) => `<div class="item${index === 0 ? ' selected' : ''}">${bulb}${escapeHtml(title)}</div>`).join('\n    ')}
  </div>
</div>
<div class="status"><span>&#8855; ${result.errorCount}&nbsp;&nbsp;&#9888; ${result.warningCount}</span><span class="right">Ln ${focus.line}, Col ${focus.column + 2}&nbsp;&nbsp;&nbsp;UTF-8&nbsp;&nbsp;&nbsp;LF&nbsp;&nbsp;&nbsp;JavaScript&nbsp;&nbsp;&nbsp;&#10003;&#10003; ESLint</span></div>
`;

const temp = mkdtempSync(join(tmpdir(), 'wimboot-screenshot-'));
try {
  const html = join(temp, 'editor.html');
  writeFileSync(html, page);
  const chromium = spawnSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      `--user-data-dir=${join(temp, 'profile')}`,
      `--window-size=${WIDTH},${height}`,
      `--screenshot=${OUT}`,
      `file://${html}`,
    ],
    { encoding: 'utf8' },
  );
  if (chromium.status !== 0) throw new Error(`${CHROMIUM} exited ${chromium.status}: ${chromium.stderr}`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
console.log(
  `${OUT}: ${WIDTH}x${height}, ${statSync(OUT).size} bytes; ${focus.ruleId} at ${focus.line}:${focus.column}-${focus.endColumn}, fix ${JSON.stringify(focus.fix)}; quick fixes: ${titles.join(' | ')}`,
);
