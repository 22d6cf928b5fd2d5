/** Our own usage metering: posts seat and feature usage to our billing API. */
export async function track(event: string, properties: Record<string, unknown>) {
  await fetch('/api/usage', { method: 'POST', body: JSON.stringify({ event, properties, at: Date.now() }) });
}

export function identify(accountId: string, email: string) {
  return fetch(`/api/accounts/${accountId}/billing-contact`, { method: 'PUT', body: JSON.stringify({ email }) });
}
