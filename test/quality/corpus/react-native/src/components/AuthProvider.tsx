import React, { createContext, useEffect, useState } from 'react';
import * as Sentry from '@sentry/react-native';
import { Mixpanel } from 'mixpanel-react-native';
import { api } from '../services/api';
import { persistSession, type SessionUser } from '../services/session';

type User = SessionUser & { phoneNumber?: string; dateOfBirth?: string };

export const AuthContext = createContext<{ user: User | null; refresh: () => Promise<void> }>({ user: null, refresh: async () => {} });

const mixpanel = new Mixpanel(process.env.EXPO_PUBLIC_MIXPANEL_TOKEN!, true);
mixpanel.init();

export function AuthProvider({ children }: { children: React.ReactNode }) {
  const [user, setUser] = useState<User | null>(null);

  async function refresh() {
    const { data } = await api.get<{ token: string; user: User }>('/me');
    setUser(data.user);
    await persistSession(data.token, data.user);
  }

  useEffect(() => {
    refresh().catch((error) => {
      // quiet [sentry] the error only
      Sentry.captureException(error);
    });
  }, []);

  useEffect(() => {
    if (!user) return;
    // quiet [sentry] id only
    Sentry.setUser({ id: user.id });
    // quiet [mixpanel] opaque id as the distinct id
    mixpanel.identify(user.id);
    // expect: mt/personal-data-to-third-party date-of-birth,email,name [mixpanel] people profile with contact details and birthday
    mixpanel.getPeople().set({ $email: user.email, $first_name: user.firstName, $last_name: user.lastName, dob: user.dateOfBirth });
  }, [user]);

  return <AuthContext.Provider value={{ user, refresh }}>{children}</AuthContext.Provider>;
}
