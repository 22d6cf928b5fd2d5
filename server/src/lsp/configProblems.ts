// Problems of the team's mt-pii.json files, shown in those files (always pushed: they are JSON, not
// documents the client pulls diagnostics for), and cleared when they are fixed.
import { Connection, DiagnosticSeverity } from 'vscode-languageserver/node';
import { CONFIG_FILE, ConfigProblem } from '../config/config';
import type { ConfigLoader } from '../config/discover';
import { SOURCE } from './convert';
import { fileToUri } from './uris';

export class ConfigProblems {
  /** mt-pii.json files that currently have problems published on them. */
  private readonly shown = new Set<string>();

  constructor(private readonly connection: Connection, private readonly configs: () => ConfigLoader) {}

  /** Shows each mt-pii.json's problems in that file; clears files whose problems are gone. */
  publish(problems: ConfigProblem[]): void {
    const byFile = new Map<string, ConfigProblem[]>();
    for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    for (const file of this.shown) {
      if (!byFile.has(file) && this.configs().problemsOf(file).length === 0) {
        void this.connection.sendDiagnostics({ uri: fileToUri(file), diagnostics: [] });
        this.shown.delete(file);
      }
    }
    for (const [file, list] of byFile) {
      this.shown.add(file);
      void this.connection.sendDiagnostics({
        uri: fileToUri(file),
        diagnostics: list.map((p) => ({
          range: { start: { line: p.line, character: p.character }, end: { line: p.endLine, character: Math.max(p.endCharacter, p.character + 1) } },
          severity: DiagnosticSeverity.Error,
          source: SOURCE,
          message: `${CONFIG_FILE}: ${p.message}`,
        })),
      });
    }
  }
}
