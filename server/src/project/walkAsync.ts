// The source files under workspace folders, listed without blocking the thread that lists them (the language
// server keeps answering while a large monorepo is walked).
import { promises as fsp } from 'fs';
import * as path from 'path';
import { isSourceFile } from '../analysis/parse';
import { DEFAULT_EXCLUDED_DIRS, isGeneratedFile } from './files';

/**
 * Source files under `folders`, sorted per folder, skipping the folders `listFiles` skips (dependencies,
 * build output, VCS data) and generated or minified files; symbolic links are not followed. Stops early,
 * with what it has, when `stop()` turns true.
 */
export async function listSourceFilesAsync(folders: readonly string[], stop: () => boolean = () => false): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    if (stop()) return;
    const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!DEFAULT_EXCLUDED_DIRS.has(e.name)) await walk(abs);
      } else if (e.isFile() && isSourceFile(e.name) && !isGeneratedFile(e.name) && !seen.has(abs)) {
        seen.add(abs);
        files.push(abs);
      }
    }
  };
  for (const f of folders) await walk(path.resolve(f));
  return files;
}
