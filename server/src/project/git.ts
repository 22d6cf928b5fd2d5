// What a repository's `.git` says about the checked-out commit (remote URL, commit, branch), read as
// files; git itself is never run. For SARIF versionControlProvenance.
import * as fs from 'fs';
import * as path from 'path';

export interface GitInfo {
  /** The remote "origin" (else the first remote) as an https URL, credentials removed. */
  repositoryUri?: string;
  revisionId?: string;
  branch?: string;
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The git folder of a work tree: `.git` itself, or where a `.git` file (worktree, submodule) points. */
function gitDir(root: string): string | undefined {
  const dotGit = path.join(root, '.git');
  try {
    if (fs.statSync(dotGit).isDirectory()) return dotGit;
  } catch {
    return undefined;
  }
  const m = /^gitdir:\s*(.+?)\s*$/m.exec(read(dotGit) ?? '');
  return m ? path.resolve(root, m[1]) : undefined;
}

/** A remote URL as https without credentials; scp-style `git@host:owner/repo.git` becomes https://host/owner/repo. */
export function httpsRemote(url: string): string | undefined {
  if (!url.includes('://')) {
    // scp-like syntax; a local path (/srv/app.git, C:\repos\app) is no URL to publish.
    const scp = /^(?:[^@/]+@)?([\w.-]{2,}):\/*(.+?)(?:\.git)?\/?$/.exec(url);
    return scp ? `https://${scp[1]}/${scp[2]}` : undefined;
  }
  try {
    const u = new URL(url);
    if (!['https:', 'http:', 'ssh:', 'git:'].includes(u.protocol)) return undefined;
    return `https://${u.hostname}${u.port && u.protocol === 'https:' ? `:${u.port}` : ''}${u.pathname.replace(/\.git\/?$/, '').replace(/\/$/, '')}`;
  } catch {
    return undefined;
  }
}

/**
 * Reads the remote, commit and branch of the repository whose work tree is `root`.
 *
 * @example
 * readGitInfo('/repo') // → { repositoryUri: 'https://github.com/acme/app', revisionId: '3f2c…', branch: 'main' }
 */
export function readGitInfo(root: string): GitInfo {
  const dir = gitDir(root);
  if (!dir) return {};
  const common = (() => {
    const c = read(path.join(dir, 'commondir'))?.trim();
    return c ? path.resolve(dir, c) : dir;
  })();
  const info: GitInfo = {};
  const head = read(path.join(dir, 'HEAD'))?.trim() ?? '';
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (ref) {
    if (ref.startsWith('refs/heads/')) info.branch = ref.slice('refs/heads/'.length);
    const loose = read(path.join(dir, ref)) ?? read(path.join(common, ref));
    const packed = (read(path.join(common, 'packed-refs')) ?? '').split('\n').find((l) => l.endsWith(` ${ref}`))?.split(' ')[0];
    const id = (loose ?? packed ?? '').trim();
    if (/^[0-9a-f]{40,64}$/.test(id)) info.revisionId = id;
  } else if (/^[0-9a-f]{40,64}$/.test(head)) info.revisionId = head;
  const config = read(path.join(common, 'config')) ?? '';
  const remotes = [...config.matchAll(/\[remote "([^"]+)"\]([^[]*)/g)].map((m) => ({ name: m[1], url: /^\s*url\s*=\s*(.+?)\s*$/m.exec(m[2])?.[1] }));
  const remote = remotes.find((r) => r.name === 'origin') ?? remotes[0];
  if (remote?.url) info.repositoryUri = httpsRemote(remote.url);
  return info;
}
