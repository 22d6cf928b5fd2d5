import { createContext, useContext, type ReactNode } from 'react';
import * as Sentry from '@sentry/react';

type Errors = { capture: typeof Sentry.captureException; scope: typeof Sentry.getCurrentScope };

const ErrorsContext = createContext<Errors>({ capture: Sentry.captureException, scope: Sentry.getCurrentScope });

export function ErrorsProvider({ children }: { children: ReactNode }) {
  return <ErrorsContext.Provider value={{ capture: Sentry.captureException, scope: Sentry.getCurrentScope }}>{children}</ErrorsContext.Provider>;
}

/** The error reporter from context. */
export const useErrors = () => useContext(ErrorsContext);
