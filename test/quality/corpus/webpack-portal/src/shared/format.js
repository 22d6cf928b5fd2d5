/** Display helpers. */
export const formatName = (member) => `${member.name} (${member.plan})`;
