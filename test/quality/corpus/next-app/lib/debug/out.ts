// The page's console under a shorter name; nothing is written here.
export const out = console;
