import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';

/** A file of a template tree, before rendering or after: its path relative to the root, with `/` separators. */
export interface TemplateFile {
  readonly path: string;
  readonly content: string;
}

const EJS_SUFFIX = '.ejs';

/**
 * Reads every file below `root` (sorted, so plans are deterministic). Synchronously: ~130 small files, each read
 * through the thread pool would wait for a thread several times (open, stat, read, close), which costs more than
 * the reads on a busy machine.
 */
export function loadTemplateTree(root: string): Promise<TemplateFile[]> {
  return new Promise((resolve) => {
    const entries = readdirSync(root, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort();
    resolve(files.map((file) => ({ path: file, content: readFileSync(path.join(root, file), 'utf8') })));
  });
}

/**
 * Maps a template path to its output path: a leading `_` in a segment becomes `.` (npm strips some dot files
 * when packing), `.ejs` is dropped, and `replacements` fill placeholders such as `__entity__`.
 */
export function outputPath(templatePath: string, replacements: Readonly<Record<string, string>> = {}): string {
  const withoutSuffix = templatePath.endsWith(EJS_SUFFIX) ? templatePath.slice(0, -EJS_SUFFIX.length) : templatePath;
  return withoutSuffix
    .split('/')
    .map((segment) => {
      const dotted = segment.startsWith('_') && !segment.startsWith('__') ? `.${segment.slice(1)}` : segment;
      return Object.entries(replacements).reduce((acc, [key, value]) => acc.split(key).join(value), dotted);
    })
    .join('/');
}

/**
 * Compiled templates by path, each with the text it was compiled from: `ddd upgrade` renders the domain templates
 * once per context, and compiling is most of rendering. A path whose text changed is compiled anew.
 */
const compiled = new Map<string, { readonly content: string; readonly render: ejs.TemplateFunction }>();

function compiledTemplate(template: TemplateFile): ejs.TemplateFunction {
  const cached = compiled.get(template.path);
  if (cached?.content === template.content) return cached.render;
  // What ejs.render(content, data, options) does, kept: compile with the same options, then call.
  const render = ejs.compile(template.content, { filename: template.path, strict: false });
  compiled.set(template.path, { content: template.content, render });
  return render;
}

/** Renders `.ejs` files with `data`; copies the others verbatim. Pure: no disk access. */
export function renderTemplates(
  templates: readonly TemplateFile[],
  data: Readonly<Record<string, unknown>>,
  replacements: Readonly<Record<string, string>> = {},
): TemplateFile[] {
  return templates.map((template) => ({
    path: outputPath(template.path, replacements),
    content: template.path.endsWith(EJS_SUFFIX) ? compiledTemplate(template)(data) : template.content,
  }));
}
