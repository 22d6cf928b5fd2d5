import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AnalyticsProvider } from '@app/providers/AnalyticsProvider';
import { ErrorsProvider } from '@app/providers/ErrorsProvider';
import { PostHogShell } from '@app/providers/PostHogShell';
import { MemberGreeting } from '@app/components/MemberGreeting';
import { PhoneVerify } from '@app/components/PhoneVerify';

const queryClient = new QueryClient();

createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={queryClient}>
    <PostHogShell>
      <AnalyticsProvider writeKey={import.meta.env.VITE_SEGMENT_KEY}>
        <ErrorsProvider>
          <MemberGreeting />
          <PhoneVerify />
        </ErrorsProvider>
      </AnalyticsProvider>
    </PostHogShell>
  </QueryClientProvider>,
);
