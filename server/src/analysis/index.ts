// The engine's public face: what the CLI, the language server and the worker import from analysis/.
// Re-exports only; README.md beside it tells how one file's data moves through the stages.
export { analyzeFile, classifierFor } from './analyzeFile';
export type { AnalysisResult, CachedResult, SafeDestination } from './analyzeFile';
export { Cancelled } from './evaluate';
export type { Finding, FlowStep, SinkInfo } from './finding';
export type { AnalyzeOptions } from './options';
export { isSourceFile, parseFile, SOURCE_EXTENSIONS } from './parse';
export { Project } from './project';
export type { ProjectHost } from './resolve';
export type { Directive } from './suppressions';
export { INVALID_SUPPRESSION, UNUSED_SUPPRESSION } from './suppressions';
