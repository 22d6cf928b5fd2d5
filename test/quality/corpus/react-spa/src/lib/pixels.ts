declare const fbq: (...args: unknown[]) => void;
declare const ttq: { identify(p: object): void; track(e: string, p?: object): void; page(): void };
declare const gtag: (...args: unknown[]) => void;

async function sha256Hex(value: string): Promise<string> {
  const bytes = new TextEncoder().encode(value.trim().toLowerCase());
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function trackPurchase(order: { id: string; total: number; currency: string }, buyer: { email: string; phone?: string }) {
  const hashedEmail = await sha256Hex(buyer.email);
  // expect: mt/personal-data-to-third-party email [meta-pixel] advanced matching with a hashed email is still personal data
  // expect: mt/ad-tracking-without-opt-out-check [meta-pixel] the pixel fires with no opt-out signal (GPC) or consent check on this path
  fbq('init', import.meta.env.VITE_META_PIXEL_ID, { em: hashedEmail });
  // quiet [meta-pixel] order id and value
  fbq('track', 'Purchase', { value: order.total, currency: order.currency, content_ids: [order.id] });
  // expect: mt/personal-data-to-third-party email,phone [tiktok-pixel] TikTok identify with hashed contact details
  ttq.identify({ sha256_email: hashedEmail, sha256_phone_number: buyer.phone ? await sha256Hex(buyer.phone) : undefined });
  // expect: mt/ad-tracking-without-opt-out-check [tiktok-pixel] the pixel fires with no opt-out signal (GPC) or consent check on this path
  ttq.track('CompletePayment', { value: order.total, currency: order.currency });
  // quiet [google-tag] transaction id and value
  gtag('event', 'purchase', { transaction_id: order.id, value: order.total, currency: order.currency });
}

/** Enhanced conversions: whatever user data the caller has. */
export function setAdUserData(data: Record<string, string | undefined>) {
  gtag('set', 'user_data', data);
}

export function trackSignupConversion(email: string) {
  // expect: mt/personal-data-to-third-party email [google-tag] enhanced conversions user data
  gtag('set', 'user_data', { email });
  // quiet [google-tag] a conversion label
  gtag('event', 'conversion', { send_to: 'AW-123/abc' });
}
