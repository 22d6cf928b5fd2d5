export async function auth(): Promise<{ userId: string }> {
  return { userId: 'u_1' };
}
