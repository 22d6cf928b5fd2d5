import { useEffect } from 'react';
import { Crisp } from 'crisp-sdk-web';
import { useCurrentUser } from '../hooks/useCurrentUser';

export function ChatLauncher() {
  const user = useCurrentUser();

  useEffect(() => {
    Crisp.configure(import.meta.env.VITE_CRISP_WEBSITE_ID);
    if (!user) return;
    // expect: mt/personal-data-to-third-party email [crisp] the user's address in the chat session
    Crisp.user.setEmail(user.email);
    // expect: mt/personal-data-to-third-party name [crisp] their display name
    Crisp.user.setNickname(user.displayName);
    // quiet [crisp] the company name belongs to a business
    Crisp.user.setCompany(user.company.name, {});
    // quiet [crisp] plan and seat count
    Crisp.session.setData({ plan: user.plan, seats: user.seatCount });
  }, [user]);

  return null;
}
