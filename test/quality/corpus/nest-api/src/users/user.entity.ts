export interface User {
  id: string;
  email: string;
  fullName: string;
  phone: string | null;
  createdAt: Date;
  plan: 'free' | 'pro';
}
