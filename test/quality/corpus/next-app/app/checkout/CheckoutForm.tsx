'use client';

import { useEffect, useState } from 'react';
import Cookies from 'js-cookie';
import { trackEvent } from '@/lib/analytics';
import { sha256 } from '@/lib/crypto';

type Card = { number: string; expMonth: string; expYear: string; cvc: string; holderName: string };
type Address = { line1: string; line2?: string; city: string; postalCode: string; country: string };

const DRAFT_KEY = 'checkout-draft';

export default function CheckoutForm({ cartId, email }: { cartId: string; email: string }) {
  const [card, setCard] = useState<Card>({ number: '', expMonth: '', expYear: '', cvc: '', holderName: '' });
  const [shippingAddress, setShippingAddress] = useState<Address | null>(null);
  const [step, setStep] = useState<'address' | 'payment' | 'review'>('address');

  // Restore the step after a reload.
  useEffect(() => {
    // quiet [web-storage] the wizard step is not personal data
    sessionStorage.setItem('checkout-step', step);
  }, [step]);

  function saveDraft() {
    // expect: mt/breach-data-on-device payment-card [web-storage] the card object, number and CVC, kept in localStorage
    localStorage.setItem(DRAFT_KEY, JSON.stringify({ cartId, card, shippingAddress }));
  }

  function rememberLast4() {
    const last4 = card.number.slice(-4);
    // quiet [web-storage] a last-4 is not a card number
    localStorage.setItem('card-last4', last4);
    // quiet [js-cookie] the cart id
    Cookies.set('cart_id', cartId, { expires: 7, sameSite: 'lax' });
  }

  function onAddress(a: Address) {
    setShippingAddress(a);
    // quiet [segment] the country is coarse; the event has no address lines
    trackEvent('Checkout Address Entered', { country: a.country, hasLine2: Boolean(a.line2) });
    setStep('payment');
  }

  function onPaid(orderId: string, total: number) {
    // expect: mt/personal-data-to-third-party email [segment] hashing is not de-identification
    trackEvent('Order Completed', { orderId, total, hashed_email: sha256(email) });
    // quiet [segment] order id and amount only
    trackEvent('Purchase', { orderId, value: total, currency: 'USD' });
    // expect: mt/personal-data-to-third-party postal-address [segment] the shipping address object as a property
    trackEvent('Shipped To', { orderId, shippingAddress });
  }

  return (
    <form>
      <input value={card.number} onChange={(e) => setCard({ ...card, number: e.target.value })} autoComplete="cc-number" />
      <input value={card.cvc} onChange={(e) => setCard({ ...card, cvc: e.target.value })} autoComplete="cc-csc" />
      <button type="button" onClick={saveDraft}>Save for later</button>
      <button type="button" onClick={rememberLast4}>Remember card</button>
      <button type="button" onClick={() => onAddress({ line1: '', city: '', postalCode: '', country: 'US' })}>Next</button>
      <button type="button" onClick={() => onPaid('o_1', 10)}>Pay</button>
    </form>
  );
}
