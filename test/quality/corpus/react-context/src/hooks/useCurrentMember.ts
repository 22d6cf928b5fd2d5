import { useQuery } from '@tanstack/react-query';

export type Member = {
  id: string;
  email: string;
  displayName: string;
  phone?: string;
  dateOfBirth?: string;
  tier: 'basic' | 'plus';
};

export function useCurrentMember() {
  return useQuery({ queryKey: ['me'], queryFn: async (): Promise<Member> => (await fetch('/api/me')).json() });
}
