import { useQuery } from '@tanstack/react-query';

export type CurrentUser = {
  id: string;
  email: string;
  displayName: string;
  plan: 'free' | 'team';
  seatCount: number;
  company: { id: string; name: string };
};

export function useCurrentUser(): CurrentUser | undefined {
  const { data } = useQuery({ queryKey: ['me'], queryFn: () => fetch('/api/me').then((r) => r.json() as Promise<CurrentUser>) });
  return data;
}
