import { useEffect } from 'react';

declare global {
  interface Window {
    Intercom?: (...args: unknown[]) => void;
    zE?: (...args: unknown[]) => void;
    $crisp?: unknown[][];
  }
}

type Account = { id: string; email: string; fullName: string; company: { id: string; name: string }; createdAt: string };

export function SupportWidget({ account }: { account: Account | null }) {
  useEffect(() => {
    if (!account) {
      // quiet [intercom] anonymous boot with the app id only
      window.Intercom?.('boot', { app_id: process.env.NEXT_PUBLIC_INTERCOM_APP_ID });
      return;
    }
    // expect: mt/personal-data-to-third-party email,name [intercom] boot with the account's contact details
    window.Intercom?.('boot', { app_id: process.env.NEXT_PUBLIC_INTERCOM_APP_ID, user_id: account.id, email: account.email, name: account.fullName, created_at: account.createdAt });
    // quiet [intercom] the company object is a business (id and name)
    window.Intercom?.('update', { company: { company_id: account.company.id, name: account.company.name } });
    // expect: mt/personal-data-to-third-party email,name [zendesk] prefill of the Zendesk widget
    window.zE?.('webWidget', 'prefill', { name: { value: account.fullName }, email: { value: account.email } });
    // quiet [zendesk] widget position
    window.zE?.('webWidget', 'updateSettings', { webWidget: { offset: { horizontal: '100px' } } });
  }, [account]);

  return null;
}
