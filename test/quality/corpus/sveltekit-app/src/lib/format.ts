/** Display helpers. */
export const initials = (name: string) => name.split(' ').map((p) => p[0]).join('');
