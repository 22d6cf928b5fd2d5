import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';

/** The file system path of a document URI; untitled and other schemes get a stable pseudo path. */
export function uriToFile(uri: string, languageId?: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      // fall through
    }
  }
  const ext = languageId === 'typescriptreact' ? '.tsx' : languageId === 'typescript' ? '.ts' : languageId === 'javascriptreact' ? '.jsx' : '.js';
  const name = uri.replace(/[^A-Za-z0-9_.-]+/g, '_');
  return path.join(path.sep, 'untitled', /\.[cm]?[jt]sx?$|\.vue$|\.svelte$/.test(name) ? name : name + ext);
}

export function fileToUri(file: string): string {
  return pathToFileURL(file).href;
}
