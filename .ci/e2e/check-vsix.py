#!/usr/bin/env python3
"""Checks a .vsix as the Marketplace and a user would receive it. Usage: check-vsix.py path/to.vsix

Prints one `CHECK PASS|FAIL vsix: ...` line per check: size, contents, manifest. Exit 1 on any failure.
"""
import json
import posixpath
import re
import struct
import sys
import zipfile

MAX_BYTES = 5 * 1024 * 1024
VSCODE_UNDER_TEST = (1, 139, 1)  # code-server 4.139.1

path = sys.argv[1]
z = zipfile.ZipFile(path)
names = z.namelist()
lower = {n.lower(): n for n in names}  # vsce stores README.md as readme.md, LICENSE as LICENSE.txt
failed = 0


def check(ok, what, why=''):
    global failed
    if ok:
        print('CHECK PASS vsix: %s' % what)
    else:
        failed += 1
        print('CHECK FAIL vsix: %s: %s' % (what, why))


# 1. Size.
import os
size = os.path.getsize(path)
check(size < MAX_BYTES, 'under 5 MB (%.2f MB, %d files, %.2f MB unpacked)' % (
    size / 1048576, len(names), sum(i.file_size for i in z.infolist()) / 1048576), 'too big')

# 2. Contents: what must ship, and an allow-list of top-level folders so nothing else creeps in.
manifest = json.loads(z.read('extension/package.json'))
contributes = manifest.get('contributes', {})
must = ['extension/package.json', 'extension/license.txt', 'extension/readme.md',
        'extension/dist/client/src/extension.js', 'extension/dist/server/src/lsp/server.js',
        'extension/dist/server/src/lsp/indexWorker.js',
        'extension/rules/categories.json',
        'extension/rules/montana/citations.json', 'extension/rules/schema/config.schema.json']
refs = [manifest.get('main'), manifest.get('icon')] + [g.get('path') for g in contributes.get('grammars', [])] \
    + [j.get('url') for j in contributes.get('jsonValidation', []) if not str(j.get('url', '')).startswith(('http:', 'https:'))]
for r in refs:
    if r:
        p = posixpath.normpath(posixpath.join('extension', r))
        must.append(p if posixpath.splitext(p)[1] else p + '.js')
missing = [m for m in must if m.lower() not in lower]
allowed_dirs = ('extension/dist/', 'extension/rules/', 'extension/syntaxes/', 'extension/media/')
allowed_files = {'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/license.txt',
                 'extension.vsixmanifest', '[content_types].xml'}
unexpected = [n for n in names if not n.lower() in allowed_files and not n.startswith(allowed_dirs)]
forbidden = [n for n in names if re.search(r'(^|/)(node_modules|out|test|tests|\.ci)/|\.map$|\.tsx?$', n)]
sinks = len([n for n in names if n.startswith('extension/rules/sinks/')])
check(not missing and not unexpected and not forbidden,
      'contents (bundles in dist/, rules/ with %d sink files, syntaxes/, icon, README, LICENSE; no node_modules, sources, tests or maps)' % sinks,
      'missing %s; unexpected %s; forbidden %s' % (missing, unexpected[:10], forbidden[:10]))

# 3. Manifest fit for the Marketplace, and for the VS Code under test.
problems = []
engine = manifest.get('engines', {}).get('vscode', '')
m = re.match(r'^\^(\d+)\.(\d+)\.(\d+)$', engine)
if not m or int(m.group(1)) != VSCODE_UNDER_TEST[0] or tuple(map(int, m.groups())) > VSCODE_UNDER_TEST:
    problems.append('engines.vscode %r does not accept %s' % (engine, '.'.join(map(str, VSCODE_UNDER_TEST))))
for field in ('name', 'displayName', 'description', 'version', 'publisher', 'license', 'repository', 'icon'):
    if not manifest.get(field):
        problems.append('no %s' % field)
if not manifest.get('categories'):
    problems.append('no categories')
if not (1 <= len(manifest.get('keywords', [])) <= 30):
    problems.append('keywords: want 1-30, have %d' % len(manifest.get('keywords', [])))
caps = manifest.get('capabilities', {})
for cap in ('untrustedWorkspaces', 'virtualWorkspaces'):
    c = caps.get(cap)
    if c is None:
        problems.append('capabilities.%s is not declared' % cap)
    elif isinstance(c, dict) and c.get('supported') is not True and not c.get('description'):
        problems.append('capabilities.%s limits support without saying why' % cap)
icon = manifest.get('icon')
if icon and ('extension/' + icon).lower() in lower:
    data = z.read(lower[('extension/' + icon).lower()])
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        problems.append('icon is not a PNG')
    else:
        w, h = struct.unpack('>II', data[16:24])
        if w < 128 or h < 128:
            problems.append('icon is %dx%d, under 128x128' % (w, h))
if manifest.get('main', '').startswith('./out') or manifest.get('dependencies') and any(
        n.startswith('extension/node_modules/') for n in names):
    problems.append('main or dependencies point outside the bundle')
check(not problems, 'manifest (engines.vscode %s accepts %s; icon, license, categories %s, %d keywords, capabilities)' % (
    engine, '.'.join(map(str, VSCODE_UNDER_TEST)), manifest.get('categories'), len(manifest.get('keywords', []))), '; '.join(problems))

sys.exit(1 if failed else 0)
