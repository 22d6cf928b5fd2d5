// The names suppression directives are known by: the rule ids the engine reports about them and the mark every
// directive starts with. Kept apart from suppressions.ts so code that only names them does not load the compiler.

/** Rule ids the engine itself reports about suppression directives. */
export const UNUSED_SUPPRESSION = 'mt/unused-suppression';
export const INVALID_SUPPRESSION = 'mt/invalid-suppression';

/** Every suppression directive starts with this (a file holding one is always analysed: see triggers.ts). */
export const MARK = 'mt-pii-ignore-';
